using System.Globalization;
using System.Text;

namespace LerarenFunctions.Benchmarks;

/// <summary>
/// Large synthetic teacher files, valid row for row. The BSNs are generated to pass the eleven test and never taken
/// from people; they are unique without a set, so a file of millions of rows costs no memory to write.
/// </summary>
public static class SyntheticTeacherFile
{
    public const string Bestuursnummer = "10053";

    /// <summary>The columns of the tests' synthetic files plus the two end dates, so that the date order rules run.</summary>
    public const string Header =
        "regel_id;bestuursnummer;bsn;geslacht;geboortedatum;benoemingsgrondslag;begindatum_benoeming;einddatum_benoeming;brinnummer;begindatum_dienstverband;einddatum_dienstverband";

    /// <summary>The date the rows are valid on (ages, end dates).</summary>
    public static readonly DateOnly Peildatum = new(2025, 10, 1);

    private static readonly string[] Brins = ["12AB", "34CD", "56EF", "78GH"];

    public static byte[] Create(int rows)
    {
        using var buffer = new MemoryStream(rows * 110);
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true))
        {
            Write(writer, rows);
        }

        return buffer.ToArray();
    }

    public static void Write(TextWriter writer, int rows)
    {
        writer.Write(Header);
        writer.Write("\r\n");
        var n = 0;
        foreach (var bsn in Bsns().Take(rows))
        {
            n++;
            var geboren = new DateOnly(1960 + (n % 40), 1 + (n % 12), 1 + (n % 28));
            var begin = new DateOnly(2010 + (n % 15), 8, 1);
            // One row in four has end dates, after the begin dates and after the peildatum.
            var einde = n % 4 == 0 ? "2030-07-31" : string.Empty;
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"R{n};{Bestuursnummer};{bsn};{(n % 2 == 0 ? 'V' : 'M')};{geboren:yyyy-MM-dd};701;{begin:yyyy-MM-dd};{einde};{Brins[n % Brins.Length]};{begin:yyyy-MM-dd};{einde}\r\n"));
        }
    }

    /// <summary>
    /// Distinct valid BSNs: the 8-digit prefixes are walked with a step coprime to their range, so none repeats, and
    /// the check digit is the one the eleven test demands.
    /// </summary>
    public static IEnumerable<string> Bsns()
    {
        const long First = 10_000_000, Count = 89_999_999, Step = 7_919;
        var digits = new char[9];
        for (long i = 0; i < Count; i++)
        {
            var prefix = First + (i * Step % Count);
            var sum = 0;
            for (var d = 7; d >= 0; d--)
            {
                var digit = (int)(prefix % 10);
                prefix /= 10;
                digits[d] = (char)('0' + digit);
                sum += digit * (9 - d);
            }

            // 10 is no digit; a weighted sum equal to its check digit leaves 0, which the eleven test refuses.
            var check = sum % 11;
            if (check == 10 || check == sum)
            {
                continue;
            }

            digits[8] = (char)('0' + check);
            yield return new string(digits);
        }
    }
}
