using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Cli;

public sealed partial class ValidateCommandTests : IDisposable
{
    private const string Bestuur = "10053";
    private readonly string _folder = Directory.CreateTempSubdirectory("lerarenfunctions-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Validate_ExitsZeroWithGoedgekeurdJson_WhenFileIsValid()
    {
        var file = WriteFile("leraren.csv", SyntheticData.TeacherCsv(Bestuur, 20));

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", Bestuur, "--format", "json", "--peildatum", "2025-10-01");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, json.RootElement.GetProperty("status").GetString());
        Assert.Equal(20, json.RootElement.GetProperty("aantalRegels").GetInt32());
        Assert.Equal(20, json.RootElement.GetProperty("aantalGoedgekeurd").GetInt32());
        Assert.Equal("leraren.csv", json.RootElement.GetProperty("bestand").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("meldingen").GetArrayLength());
    }

    [Fact]
    public async Task Validate_WritesExactlyOneJsonDocumentOnStdout_WhenFormatIsJson()
    {
        var file = WriteFile("leraren.csv", SyntheticData.TeacherCsv(Bestuur, 5, extraLines: [BadBsnRow(out _)]));

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", Bestuur, "--format", "json");

        // Reading one value and requiring the end after it: any text before or after the document fails here.
        var bytes = Encoding.UTF8.GetBytes(result.StandardOutput);
        var reader = new Utf8JsonReader(bytes);
        using var document = JsonDocument.ParseValue(ref reader);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.False(reader.Read(), "stdout holds more than one JSON document");
        Assert.Equal(string.Empty, result.StandardError);

        // Exactly the terugmelding model: it reads back into the record with the same counts.
        var terugmelding = JsonSerializer.Deserialize<Terugmelding>(result.StandardOutput);
        Assert.NotNull(terugmelding);
        Assert.Equal(6, terugmelding.AantalRegels);
        Assert.Equal(5, terugmelding.AantalGoedgekeurd);
        Assert.Equal(1, terugmelding.AantalAfgekeurd);
    }

    [Fact]
    public async Task Validate_ExitsOneWithGedeeltelijk_WhenOneRowIsBad()
    {
        var file = WriteFile("leraren.csv", SyntheticData.TeacherCsv(Bestuur, 10, extraLines: [BadBsnRow(out _)]));

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", Bestuur, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(TerugmeldingStatus.Gedeeltelijk, json.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("aantalAfgekeurd").GetInt32());
        Assert.Contains(json.RootElement.GetProperty("meldingen").EnumerateArray(), m => m.GetProperty("regelId").GetString() == "FOUT1");
    }

    // Random bytes, once behind the zip signature an .xlsx starts with: a binary file and a corrupt workbook.
    [Theory]
    [InlineData("leraren.csv", false)]
    [InlineData("leraren.xlsx", true)]
    public async Task Validate_ExitsOneWithBestandOnleesbaar_WhenFileIsBinaryOrCorrupt(string name, bool zipSignature)
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        if (zipSignature)
        {
            "PK\u0003\u0004"u8.CopyTo(bytes);
        }

        var file = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(file, bytes);

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", Bestuur, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(TerugmeldingStatus.Afgewezen, json.RootElement.GetProperty("status").GetString());
        Assert.Contains(json.RootElement.GetProperty("meldingen").EnumerateArray(), m => m.GetProperty("code").GetString() == MeldingCodes.BestandOnleesbaar);
    }

    [Theory]
    [InlineData("goedgekeurd", 0)]
    [InlineData("gedeeltelijk", 1)]
    public async Task Validate_PrintsStatusAndCounts_WhenFormatIsTekst(string status, int exitCode)
    {
        var extra = exitCode == 0 ? [] : new[] { BadBsnRow(out _) };
        var file = WriteFile("leraren.csv", SyntheticData.TeacherCsv(Bestuur, 4, extraLines: extra));

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", Bestuur);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains($"Status:      {status}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Regels:      ", result.StandardOutput, StringComparison.Ordinal);
        if (exitCode != 0)
        {
            Assert.Contains("regel 6 (FOUT1) bsn: BSN_ONGELDIG — ", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("tekst")]
    [InlineData("json")]
    public async Task Validate_ShowsOnlyMaskedBsns_WhenRowsHaveBsns(string format)
    {
        var csv = SyntheticData.TeacherCsv(Bestuur, 8, extraLines: [BadBsnRow(out var badBsn)]);
        var file = WriteFile("leraren.csv", csv);

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", Bestuur, "--format", format);

        Assert.Equal(1, result.ExitCode);
        var printed = result.StandardOutput + result.StandardError;
        Assert.Contains("******" + badBsn[^3..], printed, StringComparison.Ordinal);
        foreach (Match bsn in NineDigits().Matches(csv))
        {
            Assert.DoesNotContain(bsn.Value, printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Validate_MeasuresAgainstPeildatum_WhenPeildatumIsGiven()
    {
        // The synthetic teachers are born in 1980: on a peildatum in 1979 every birth date lies in the future.
        var file = WriteFile("leraren.csv", SyntheticData.TeacherCsv(Bestuur, 3));

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", Bestuur, "--format", "json", "--peildatum", "1979-01-01");

        Assert.Equal(1, result.ExitCode);
        var terugmelding = JsonSerializer.Deserialize<Terugmelding>(result.StandardOutput);
        Assert.NotNull(terugmelding);
        Assert.Equal(TerugmeldingStatus.Afgewezen, terugmelding.Status);
        Assert.All(terugmelding.Meldingen, m => Assert.Equal(MeldingCodes.DatumInToekomst, m.Code));
        Assert.Equal(3, terugmelding.Meldingen.Count);
    }

    [Fact]
    public async Task Validate_ExitsTwoWithDutchMessage_WhenFileDoesNotExist()
    {
        var result = await CliProcess.RunAsync("validate", Path.Combine(_folder, "bestaat-niet.csv"), "--bestuur", Bestuur);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bestaat niet", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Fact]
    public async Task Validate_ExitsTwoWithDutchMessage_WhenPathIsDirectory()
    {
        var result = await CliProcess.RunAsync("validate", _folder, "--bestuur", Bestuur);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is een map", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Theory]
    [InlineData("--bestuur ontbreekt")]
    [InlineData("Ongeldig bestuursnummer", "--bestuur", "1005")]
    [InlineData("Ongeldige peildatum", "--bestuur", Bestuur, "--peildatum", "01-10-2025")]
    [InlineData("Ongeldige peildatum", "--bestuur", Bestuur, "--peildatum", "2025-02-30")]
    [InlineData("Onbekend formaat", "--bestuur", Bestuur, "--format", "xml")]
    [InlineData("Onbekende optie: --stil", "--bestuur", Bestuur, "--stil")]
    public async Task Validate_ExitsTwoWithDutchMessage_WhenUsageIsWrong(string message, params string[] options)
    {
        var file = WriteFile("leraren.csv", SyntheticData.TeacherCsv(Bestuur, 2));

        var result = await CliProcess.RunAsync(["validate", file, .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    [Theory]
    [InlineData("10053 ")]
    [InlineData(" 10053")]
    public async Task Validate_ExitsTwoWithTheBoardCommandsMessage_WhenBestuurHasSpaceAroundTheDigits(string bestuur)
    {
        // A folder or key "10053 " is another name than 10053 everywhere else; the pre-check must not take it for it.
        var file = WriteFile("leraren.csv", SyntheticData.TeacherCsv(Bestuur, 2));

        var result = await CliProcess.RunAsync("validate", file, "--bestuur", bestuur);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Ongeldig bestuursnummer '{bestuur}'. Een bestuursnummer bestaat uit 5 cijfers.", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StandardOutput);
    }

    /// <summary>A row whose BSN is a synthetic valid one with its check digit changed: it fails the eleven test.</summary>
    private static string BadBsnRow(out string bsn)
    {
        var valid = SyntheticData.Bsns(seed: 99).First();
        bsn = valid[..8] + (char)('0' + ((valid[8] - '0' + 1) % 10));
        return $"FOUT1;{Bestuur};{bsn};V;1980-05-01;701;2019-08-01;12AB;2019-08-01";
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    [GeneratedRegex(@"\b\d{9}\b")]
    private static partial Regex NineDigits();
}
