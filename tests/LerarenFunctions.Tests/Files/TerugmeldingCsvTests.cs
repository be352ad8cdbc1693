using System.Globalization;
using System.Text;
using System.Text.Json;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Storage.Blobs;
using nietras.SeparatedValues;

namespace LerarenFunctions.Tests.Files;

/// <summary>The CSV form of the terugmelding, and the privacy of every form: no BSN whole, no formula alive.</summary>
public sealed class TerugmeldingCsvTests
{
    [Fact]
    public async Task ToBytes_WritesSummaryAndTable_ForDutchExcel()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.Csv([TeacherFiles.Row(1), TeacherFiles.Row(2, "geslacht=Q", "woonland=B;E")]));

        var bytes = TerugmeldingCsv.ToBytes(outcome.Report);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(
            [
                "bestand;leraren.csv", "bestuursnummer;10053", "status;gedeeltelijk", "aantalRegels;2", "aantalGoedgekeurd;1", "aantalAfgekeurd;1", string.Empty,
                "regel;regelId;veld;code;ernst;melding;waarde",
            ],
            lines[..8]);
        Assert.StartsWith("3;R2;geslacht;GESLACHT_ONGELDIG;fout;Vul bij geslacht", lines[8], StringComparison.Ordinal);
        Assert.EndsWith(";\"B;E\"", lines[9], StringComparison.Ordinal);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public async Task ToBytes_ReadsBackWithSep_AsTheSameMeldingen()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.Csv(
        [
            TeacherFiles.Row(1, "regel_id=\"quoted\"", "geslacht=a\nb"),
            TeacherFiles.Row(2, "woonland=;;", "brinnummer=\"\""),
        ]));

        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(Encoding.UTF8.GetString(TerugmeldingCsv.ToBytes(outcome.Report)).TrimStart('\uFEFF').Split("\r\n\r\n", 2)[1]);
        var read = reader.Enumerate(row => (row["regel"].ToString(), row["regelId"].ToString(), row["code"].ToString(), row["waarde"].ToString())).ToList();

        Assert.Equal(
            outcome.Report.Meldingen.Select(m => (m.Regel!.Value.ToString(CultureInfo.InvariantCulture), m.RegelId ?? string.Empty, m.Code, m.Waarde ?? string.Empty)),
            read);
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+31 6 1234", "'+31 6 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x\";\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\"")]
    [InlineData("gewoon", "gewoon")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("", "")]
    public void Cell_NeutralisesFormulasAndQuotes_ForExcel(string value, string expected)
    {
        Assert.Equal(expected, TerugmeldingCsv.Cell(value));
    }

    [Fact]
    public async Task ToBytes_KeepsFormulaLookingValuesHarmless_FromTheFileToTheReport()
    {
        var csv = TeacherFiles.Csv(
        [
            TeacherFiles.Row(1, "regel_id==cmd|' /C calc'!A0", "geslacht=@SUM(1+1)*cmd|' /C calc'!A0"),
            TeacherFiles.Row(2, "regel_id=+R2", "geboortedatum=-1+1", "woonland==1+1"),
        ]);
        var outcome = await TeacherFiles.ValidateAsync(csv, fileName: "=bestand.csv");

        var text = Encoding.UTF8.GetString(TerugmeldingCsv.ToBytes(outcome.Report));

        using var reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(text.TrimStart('\uFEFF'));
        var cells = reader.Enumerate(row => row[..].ToStringsArray()).SelectMany(c => c).ToList();
        Assert.Contains("'=cmd|' /C calc'!A0", cells);
        Assert.All(cells, cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"Cell '{cell}' would run as a formula."));

        Assert.Contains("bestand;'=bestand.csv", text, StringComparison.Ordinal);
        Assert.Contains(";'=cmd|' /C calc'!A0;", text, StringComparison.Ordinal);
        Assert.Contains(";'@SUM(1+1)*cmd|' /C calc'!A0", text, StringComparison.Ordinal);
        Assert.Contains(";'-1+1", text, StringComparison.Ordinal);

        // The JSON form keeps the values as they were: systems read it, and it is served as JSON, not opened in Excel.
        Assert.Equal("=cmd|' /C calc'!A0", outcome.Report.Meldingen[0].RegelId);
    }

    [Fact]
    public async Task Report_NeverShowsAWholeBsn_InAnyField()
    {
        var bsn = TeacherFiles.Bsn(41);
        var other = TeacherFiles.Bsn(42);
        var csv = TeacherFiles.FullHeader + ";" + other + "\r\n"
            + TeacherFiles.Csv(
            [
                TeacherFiles.Row(1, "bsn=123456789"),
                TeacherFiles.Row(2, "bsn=" + bsn, "geslacht=" + bsn),
                TeacherFiles.Row(3, "regel_id=" + bsn, "geboortedatum=" + bsn, "brinnummer=x"),
                TeacherFiles.Row(4, "regel_id=id-" + bsn + "7", "bsn=" + new string('9', 300)),
            ]).Split("\r\n", 2)[1].Replace("\r\n", ";\r\n", StringComparison.Ordinal)
            + "R5;10053;" + bsn + "\r\n";

        var outcome = await TeacherFiles.ValidateAsync(csv, fileName: bsn + ".csv");

        var json = JsonSerializer.Serialize(outcome.Report);
        var text = Encoding.UTF8.GetString(TerugmeldingCsv.ToBytes(outcome.Report));
        foreach (var secret in new[] { "123456789", bsn, other, bsn[1..], new string('9', 9) })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal("******789", outcome.Report.Meldingen.Single(m => m.Code == MeldingCodes.BsnOngeldig).Waarde);
        Assert.Equal("******999", outcome.Report.Meldingen.Single(m => m.Code == MeldingCodes.VeldTeLang).Waarde);
        Assert.Equal("******" + bsn[^3..], outcome.Report.Meldingen.Single(m => m.Code == MeldingCodes.GeslachtOngeldig).Waarde);
    }

    [Theory]
    [InlineData("10053/leraren.csv.terugmelding.json", "10053/leraren.csv.terugmelding.csv")]
    [InlineData("10053/x.JSON", "10053/x.csv")]
    [InlineData("map/rapport", "map/rapport.csv")]
    public void CsvPath_ReplacesJsonExtension_NextToTheJsonReport(string json, string csv)
    {
        Assert.Equal(csv, BlobTerugmeldingStore.CsvPath(json));
    }
}
