using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

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

    /// <summary>
    /// Valid records as validation hands them on (rows from 2, school 12AB), with <paramref name="fieldCount"/> extra
    /// fields of <paramref name="fieldLength"/> random printable characters, which hardly compress.
    /// </summary>
    public static List<TeacherRecord> TeacherRecords(int count, int seed, int fieldCount = 16, int fieldLength = 10, int firstRow = 2)
    {
        var random = new Random(seed);
        if (!Brin.TryParse("12AB", out var brin))
        {
            throw new InvalidOperationException("12AB is a valid BRIN.");
        }

        return [.. Bsns(seed).Take(count).Select((text, i) =>
        {
            if (!Bsn.TryParse(text, out var bsn))
            {
                throw new InvalidOperationException("A synthetic BSN passes the eleven test.");
            }

            var fields = Enumerable.Range(0, fieldCount).ToDictionary(f => $"veld{f}", _ => RandomText(random, fieldLength));
            fields["regel_id"] = $"R{i}";
            return new TeacherRecord(firstRow + i, bsn, brin, fields);
        })];
    }

    private static string RandomText(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)r.Next('!', '~' + 1);
            }
        });
}
