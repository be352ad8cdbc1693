using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.Configuration.Attributes;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Benchmarks;

/// <summary>
/// The straightforward way to check a teacher file, as the yardstick for the validator: CsvHelper maps each row to a
/// class of strings, then every rule is checked with the obvious .NET call. Same rules, no tuning.
/// </summary>
public sealed class CsvHelperBaseline(string bestuursnummer, DateOnly peildatum)
{
    // The contract's three date forms; "d" and "M" also take the one-digit day and month Dutch Excel writes.
    private static readonly string[] DateFormats = ["yyyy-M-d", "d-M-yyyy", "d/M/yyyy"];
    private static readonly HashSet<string> Geslachten = new(["M", "V", "X", "O"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Grondslagen = new(["701", "708"], StringComparer.OrdinalIgnoreCase);

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        TrimOptions = TrimOptions.Trim,
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        MissingFieldFound = null,
        HeaderValidated = null,
    };

    public BaselineResult Validate(Stream file)
    {
        using var reader = new StreamReader(file);
        using var csv = new CsvReader(reader, Configuration);
        var meldingen = new List<Melding>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        int rows = 0, valid = 0;
        foreach (var row in csv.GetRecords<BaselineRow>())
        {
            rows++;
            var before = meldingen.Count;
            Check(row, csv.Parser.Row, keys, meldingen);
            if (meldingen.Count == before)
            {
                valid++;
            }
        }

        return new BaselineResult(rows, valid, meldingen);
    }

    private void Check(BaselineRow row, int line, HashSet<string> keys, List<Melding> meldingen)
    {
        void Fout(string veld, string code, string? waarde) =>
            meldingen.Add(new Melding(line, row.RegelId, veld, code, Ernst.Fout, code, waarde));

        if (row.Bestuursnummer != bestuursnummer)
        {
            Fout("bestuursnummer", "BESTUURSNUMMER_AFWIJKEND", row.Bestuursnummer);
        }

        if (!IsBsn(row.Bsn))
        {
            Fout("bsn", "BSN_ONGELDIG", "******");
        }

        if (row.Brinnummer is not { Length: 4 } brin
            || !char.IsAsciiDigit(brin[0]) || !char.IsAsciiDigit(brin[1])
            || !char.IsAsciiLetter(brin[2]) || !char.IsAsciiLetter(brin[3]))
        {
            Fout("brinnummer", "BRIN_ONGELDIG", row.Brinnummer);
        }

        if (row.Geslacht is null || !Geslachten.Contains(row.Geslacht))
        {
            Fout("geslacht", "GESLACHT_ONGELDIG", row.Geslacht);
        }

        if (row.Benoemingsgrondslag is null || !Grondslagen.Contains(row.Benoemingsgrondslag))
        {
            Fout("benoemingsgrondslag", "GRONDSLAG_ONBEKEND", row.Benoemingsgrondslag);
        }

        if (!TryDate(row.Geboortedatum, out var geboren))
        {
            Fout("geboortedatum", "DATUM_ONGELDIG", row.Geboortedatum);
        }
        else if (geboren > peildatum)
        {
            Fout("geboortedatum", "DATUM_IN_TOEKOMST", row.Geboortedatum);
        }
        else
        {
            var age = peildatum.Year - geboren.Year - (peildatum < geboren.AddYears(peildatum.Year - geboren.Year) ? 1 : 0);
            if (age is < 15 or > 100)
            {
                Fout("geboortedatum", "LEEFTIJD_ONWAARSCHIJNLIJK", row.Geboortedatum);
            }
        }

        CheckPeriod(row.BegindatumBenoeming, row.EinddatumBenoeming, "begindatum_benoeming", "einddatum_benoeming", Fout);
        CheckPeriod(row.BegindatumDienstverband, row.EinddatumDienstverband, "begindatum_dienstverband", "einddatum_dienstverband", Fout);

        // The validator's key: the same appointment twice.
        if (!keys.Add($"{row.Bsn}|{row.Brinnummer}|{row.Benoemingsgrondslag}|{row.BegindatumBenoeming}"))
        {
            Fout("bsn", "REGEL_DUBBEL", "******");
        }
    }

    private static void CheckPeriod(string? begin, string? einde, string beginVeld, string eindeVeld, Action<string, string, string?> fout)
    {
        if (!TryDate(begin, out var beginDatum))
        {
            fout(beginVeld, "DATUM_ONGELDIG", begin);
            return;
        }

        if (string.IsNullOrEmpty(einde))
        {
            return;
        }

        if (!TryDate(einde, out var eindDatum))
        {
            fout(eindeVeld, "DATUM_ONGELDIG", einde);
        }
        else if (eindDatum < beginDatum)
        {
            fout(eindeVeld, "EINDDATUM_VOOR_BEGINDATUM", einde);
        }
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsBsn(string? text)
    {
        if (text is null || text.Length is < 8 or > 9 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var digits = text.PadLeft(9, '0');
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (digits[i] - '0') * (9 - i);
        }

        sum -= digits[8] - '0';
        return sum != 0 && sum % 11 == 0;
    }
}

public sealed record BaselineResult(int Rows, int Valid, List<Melding> Meldingen);

/// <summary>One row as CsvHelper maps it: every field a string, as the file has it.</summary>
public sealed class BaselineRow
{
    [Name("regel_id")]
    public string? RegelId { get; set; }

    [Name("bestuursnummer")]
    public string? Bestuursnummer { get; set; }

    [Name("bsn")]
    public string? Bsn { get; set; }

    [Name("geslacht")]
    public string? Geslacht { get; set; }

    [Name("geboortedatum")]
    public string? Geboortedatum { get; set; }

    [Name("benoemingsgrondslag")]
    public string? Benoemingsgrondslag { get; set; }

    [Name("begindatum_benoeming")]
    public string? BegindatumBenoeming { get; set; }

    [Name("einddatum_benoeming")]
    public string? EinddatumBenoeming { get; set; }

    [Name("brinnummer")]
    public string? Brinnummer { get; set; }

    [Name("begindatum_dienstverband")]
    public string? BegindatumDienstverband { get; set; }

    [Name("einddatum_dienstverband")]
    public string? EinddatumDienstverband { get; set; }
}
