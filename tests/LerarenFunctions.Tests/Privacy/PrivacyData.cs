using System.Globalization;
using System.Text;

namespace LerarenFunctions.Tests.BsnGuard;

/// <summary>
/// The input of the privacy guard: synthetic BSNs (they pass the eleven test; half of them start with a zero, and some
/// of those are written in the file without it, as a spreadsheet does), and teacher files that hold them in every
/// place a board puts one: the bsn column, the row reference, the file name, and rows that are invalid.
/// </summary>
internal static class PrivacyData
{
    public const string Header = "regel_id;bestuursnummer;bsn;geslacht;geboortedatum;benoemingsgrondslag;begindatum_benoeming;brinnummer;begindatum_dienstverband";

    /// <summary>Valid BSNs; every second one starts with a zero.</summary>
    public static IReadOnlyList<string> Bsns(int seed, int count)
    {
        var random = new Random(seed);
        var bsns = new List<string>();
        while (bsns.Count < count)
        {
            var digits = new int[9];
            var leadingZero = bsns.Count % 2 == 1;
            digits[0] = leadingZero ? 0 : random.Next(1, 10);
            digits[1] = random.Next(1, 10);
            for (var i = 2; i < 8; i++)
            {
                digits[i] = random.Next(0, 10);
            }

            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += digits[i] * (9 - i);
            }

            digits[8] = sum % 11;
            var bsn = string.Concat(digits);
            if (digits[8] != 10 && !bsns.Contains(bsn))
            {
                bsns.Add(bsn);
            }
        }

        return bsns;
    }

    /// <summary>A number of nine digits that fails the eleven test: a BSN a board typed wrong is still someone's.</summary>
    public static string Mistyped(string bsn) =>
        bsn[..8] + ((bsn[8] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A valid file of the BSNs: the row reference of every third row is the BSN itself, and a BSN with a leading zero
    /// is written without it every other time.
    /// </summary>
    public static string ValidCsv(string board, IEnumerable<string> bsns)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        var n = 0;
        foreach (var bsn in bsns)
        {
            n++;
            var written = bsn[0] == '0' && n % 4 == 2 ? bsn[1..] : bsn;
            var reference = n % 3 == 0 ? bsn : $"R{n}";
            csv.Append(CultureInfo.InvariantCulture, $"{reference};{board};{written};V;1980-05-0{1 + (n % 9)};701;2019-08-01;12AB;2019-08-01\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A file of rows that are wrong in different ways, each with a BSN (or what was meant as one) in it.</summary>
    public static string InvalidRowsCsv(string board, IReadOnlyList<string> bsns) => string.Join("\r\n",
    [
        Header,
        $"R1;{board};{bsns[0]};V;1981-01-01;701;2019-08-01;12AB;2019-08-01",
        $"R2;{board};{Mistyped(bsns[1])};V;1981-01-01;701;2019-08-01;12AB;2019-08-01",
        $"{bsns[2]};{board};{bsns[2]};Q;1981-01-01;701;2019-08-01;12AB;2019-08-01",
        $"R4;{board};{bsns[3]};V;2099-01-01;701;2019-08-01;12AB;2019-08-01",
        $"R5;{board};{bsns[0]};V;1981-01-01;701;2019-08-01;12AB;2019-08-01",
        $"R6;{board};{bsns[5][1..]};M;1981-01-01;999;2019-08-01;1234;2019-08-01",
        $"R7;{board};{bsns[4]};V;1981-01-01;701;2019-08-01;12AB",
        string.Empty,
    ]);

    /// <summary>A file without a required column: rejected as a whole, its rows never read.</summary>
    public static string MissingColumnCsv(string board, IReadOnlyList<string> bsns) =>
        $"regel_id;bestuursnummer;bsn;geboortedatum\r\nR1;{board};{bsns[0]};1981-01-01\r\nR2;{board};{bsns[1]};1982-02-02\r\n";

    /// <summary>Teachers as JSON, for the HTTP API.</summary>
    public static string Json(string board, IEnumerable<string> bsns) =>
        "{\"leraren\": [" + string.Join(", ", bsns.Select((bsn, i) =>
            $"{{\"regel_id\": \"J{i}\", \"bestuursnummer\": \"{board}\", \"bsn\": \"{bsn}\", \"geslacht\": \"X\", \"geboortedatum\": \"1990-02-0{1 + i}\", \"benoemingsgrondslag\": \"701\", \"begindatum_benoeming\": \"2020-08-01\", \"brinnummer\": \"12AB\", \"begindatum_dienstverband\": \"2020-08-01\"}}")) + "]}";
}
