using System.Globalization;
using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Tests.Files;

/// <summary>Synthetic teacher files and a validator to run them through. BSNs pass the eleven test and belong to nobody.</summary>
internal static class TeacherFiles
{
    public const string FullHeader =
        "regel_id;bestuursnummer;bsn;geslacht;geboortedatum;woonland;adres_buitenland;benoemingsgrondslag;onderwijsterrein;"
        + "begindatum_benoeming;einddatum_benoeming;brinnummer;brin_volgnummer;extra_brinnummers;begindatum_dienstverband;einddatum_dienstverband";

    public static readonly Bestuursnummer Board = Bestuursnummer.Parse("10053");

    public static readonly DateOnly Peildatum = new(2025, 1, 15);

    private static readonly string[] BsnPool = [.. SyntheticData.Bsns(seed: 77).Take(25_000)];

    public static IReadOnlyList<string> Columns { get; } = FullHeader.Split(';');

    /// <summary>The n-th synthetic BSN (stable across runs).</summary>
    public static string Bsn(int n) => BsnPool[n % BsnPool.Length];

    /// <summary>A valid row with every column; <paramref name="changes"/> replace values ("column=value").</summary>
    public static Dictionary<string, string> Row(int n, params string[] changes)
    {
        var row = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["regel_id"] = $"R{n}",
            ["bestuursnummer"] = "10053",
            ["bsn"] = Bsn(n),
            ["geslacht"] = "V",
            ["geboortedatum"] = "1980-05-01",
            ["woonland"] = string.Empty,
            ["adres_buitenland"] = string.Empty,
            ["benoemingsgrondslag"] = "701",
            ["onderwijsterrein"] = string.Empty,
            ["begindatum_benoeming"] = "2019-08-01",
            ["einddatum_benoeming"] = string.Empty,
            ["brinnummer"] = "12AB",
            ["brin_volgnummer"] = string.Empty,
            ["extra_brinnummers"] = string.Empty,
            ["begindatum_dienstverband"] = "2019-08-01",
            ["einddatum_dienstverband"] = string.Empty,
        };
        foreach (var change in changes)
        {
            var at = change.IndexOf('=', StringComparison.Ordinal);
            row[change[..at]] = change[(at + 1)..];
        }

        return row;
    }

    /// <summary>A CSV text with the full header and <paramref name="rows"/>, quoting where needed.</summary>
    public static string Csv(IEnumerable<IReadOnlyDictionary<string, string>> rows, char separator = ';', string newLine = "\r\n")
    {
        var text = new StringBuilder(FullHeader.Replace(';', separator)).Append(newLine);
        foreach (var row in rows)
        {
            text.AppendJoin(separator, Columns.Select(c => Quote(row.GetValueOrDefault(c) ?? string.Empty, separator))).Append(newLine);
        }

        return text.ToString();
    }

    /// <summary>A CSV of <paramref name="count"/> valid rows.</summary>
    public static string ValidCsv(int count, char separator = ';') => Csv(Enumerable.Range(1, count).Select(n => Row(n)), separator);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static TeacherFileValidator Validator(Action<TeacherFileOptions>? configure = null, ILogger<TeacherFileValidator>? logger = null, TimeProvider? time = null)
    {
        var options = new TeacherFileOptions();
        configure?.Invoke(options);
        return new TeacherFileValidator(Options.Create(options), time ?? TimeProvider.System, logger);
    }

    public static Task<Outcome> ValidateAsync(string csv, Action<TeacherFileOptions>? configure = null, string fileName = "leraren.csv") =>
        ValidateAsync(Utf8(csv), configure, fileName);

    public static Task<Outcome> ValidateAsync(byte[] content, Action<TeacherFileOptions>? configure = null, string fileName = "leraren.csv") =>
        ValidateAsync(new MemoryStream(content), configure, fileName);

    public static async Task<Outcome> ValidateAsync(Stream content, Action<TeacherFileOptions>? configure = null, string fileName = "leraren.csv", TeacherFileValidator? validator = null)
    {
        var records = new List<TeacherRecord>();
        var report = await (validator ?? Validator(configure)).ValidateAsync(content, fileName, Board, Peildatum, (record, _) =>
        {
            records.Add(record);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return new Outcome(report, records);
    }

    private static string Quote(string value, char separator) =>
        value.Contains(separator, StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}

/// <summary>What a validation produced: the report and the records handed on.</summary>
internal sealed record Outcome(Terugmelding Report, IReadOnlyList<TeacherRecord> Records)
{
    public IReadOnlyList<string> Codes => [.. Report.Meldingen.Select(m => m.Code)];

    public ISet<string> CodeSet => Report.Meldingen.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);

    public Melding Single(string code) => Assert.Single(Report.Meldingen, m => m.Code == code);

    public override string ToString() => string.Join(Environment.NewLine, Report.Meldingen.Select(m =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Regel} {m.Veld} {m.Code} {m.Waarde}")));
}
