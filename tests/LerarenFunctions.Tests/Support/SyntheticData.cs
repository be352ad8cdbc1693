using System.Globalization;
using System.Text;

namespace LerarenFunctions.Tests.Support;

/// <summary>Synthetic test data only: BSNs are generated to pass the eleven test, never taken from people.</summary>
public static class SyntheticData
{
    public const string Header = "regel_id;bestuursnummer;bsn;geslacht;geboortedatum;benoemingsgrondslag;begindatum_benoeming;brinnummer;begindatum_dienstverband";

    /// <summary>Deterministic valid BSNs (eleven test with weights 9..2, -1).</summary>
    public static IEnumerable<string> Bsns(int seed = 1)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>();
        while (true)
        {
            var digits = new int[9];
            digits[0] = random.Next(1, 10);
            for (var i = 1; i < 8; i++)
            {
                digits[i] = random.Next(0, 10);
            }

            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += digits[i] * (9 - i);
            }

            digits[8] = sum % 11;
            if (digits[8] == 10)
            {
                continue;
            }

            var bsn = string.Concat(digits);
            if (seen.Add(bsn))
            {
                yield return bsn;
            }
        }
    }

    /// <summary>A CSV teacher file of <paramref name="rows"/> valid rows for <paramref name="bestuursnummer"/>.</summary>
    public static string TeacherCsv(string bestuursnummer, int rows, int seed = 1, IEnumerable<string>? extraLines = null)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        var n = 0;
        foreach (var bsn in Bsns(seed).Take(rows))
        {
            n++;
            csv.Append(CultureInfo.InvariantCulture, $"R{n};{bestuursnummer};{bsn};V;1980-05-0{1 + (n % 9)};701;2019-08-01;12AB;2019-08-01\r\n");
        }

        foreach (var line in extraLines ?? [])
        {
            csv.Append(line).Append("\r\n");
        }

        return csv.ToString();
    }
}
