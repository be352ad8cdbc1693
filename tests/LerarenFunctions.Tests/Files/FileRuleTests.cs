using System.IO.Compression;
using System.Text.Json;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Files;

/// <summary>Rules about the file as a whole: the file is rejected, rows are not checked, the counts are 0.</summary>
public sealed class FileRuleTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\r\n\r\n  \n")]
    [InlineData(";;;\n;;\n")]
    [InlineData(TeacherFiles.FullHeader)]
    [InlineData(TeacherFiles.FullHeader + "\r\n\r\n;;;;;;;;;;;;;;;\r\n")]
    public async Task ValidateAsync_RejectsAsBestandLeeg_WhenFileHasNoRows(string content)
    {
        var outcome = await TeacherFiles.ValidateAsync(content);

        AssertRejected(outcome, MeldingCodes.BestandLeeg);
    }

    [Fact]
    public async Task ValidateAsync_RejectsOneMeldingPerMissingColumn_WithItsName()
    {
        var outcome = await TeacherFiles.ValidateAsync("regel_id;bsn;geslacht;brinnummer\nR1;123456782;V;12AB\n");

        AssertRejected(outcome, MeldingCodes.KolomOntbreekt);
        Assert.Equal(
            ["bestuursnummer", "geboortedatum", "benoemingsgrondslag", "begindatum_benoeming", "begindatum_dienstverband"],
            outcome.Report.Meldingen.Select(m => m.Veld));
    }

    [Fact]
    public async Task ValidateAsync_RejectsOncePerDuplicatedName_WhenColumnRepeats()
    {
        var header = TeacherFiles.FullHeader + ";BSN; bsn ;Geslacht";
        var outcome = await TeacherFiles.ValidateAsync(header + "\n" + string.Join(';', Enumerable.Repeat("x", 19)) + "\n");

        AssertRejected(outcome, MeldingCodes.KolomDubbel);
        Assert.Equal(["bsn", "geslacht"], outcome.Report.Meldingen.Select(m => m.Veld));
    }

    [Fact]
    public async Task ValidateAsync_RejectsAsTeGroot_WhenRowsExceedLimit()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.ValidCsv(11), o => o.MaxRows = 10);

        AssertRejected(outcome, MeldingCodes.BestandTeGroot);
        Assert.Contains("meer dan 10 regels", outcome.Report.Meldingen[0].Tekst, StringComparison.Ordinal);
        Assert.Equal(10, outcome.Records.Count);
    }

    [Fact]
    public async Task ValidateAsync_Accepts_WhenRowsEqualLimitAndEmptyRowsDoNotCount()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.ValidCsv(10) + "\r\n;;\r\n\r\n", o => o.MaxRows = 10);

        Assert.Equal(TerugmeldingStatus.Goedgekeurd, outcome.Report.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ValidateAsync_RejectsAsTeGroot_WhenBytesExceedLimit(bool seekable)
    {
        var bytes = TeacherFiles.Utf8(TeacherFiles.ValidCsv(200));
        using Stream stream = seekable ? new MemoryStream(bytes) : new TrickleStream(bytes, 4096);

        var outcome = await TeacherFiles.ValidateAsync(stream, o => o.MaxFileBytes = bytes.Length - 1);
        var exact = await TeacherFiles.ValidateAsync(bytes, o => o.MaxFileBytes = bytes.Length);

        AssertRejected(outcome, MeldingCodes.BestandTeGroot);
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, exact.Report.Status);
    }

    [Fact]
    public async Task ValidateAsync_RejectsAsTeGroot_WhenXlsxUnpacksPastItsCap()
    {
        var xlsx = XlsxBuilder.FromRows(Enumerable.Range(1, 300).Select(n => TeacherFiles.Row(n))).Build();

        var outcome = await TeacherFiles.ValidateAsync(xlsx, o => o.MaxXlsxUnpackedBytes = 20_000);

        AssertRejected(outcome, MeldingCodes.BestandTeGroot);
        Assert.Contains("uitgepakt", outcome.Report.Meldingen[0].Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_StopsZipBomb_WhenDeclaredSizesLie()
    {
        // The declared sizes pass the first check; the inflating count must stop it anyway.
        var xlsx = XlsxBuilder.FromRows(Enumerable.Range(1, 300).Select(n => TeacherFiles.Row(n))).Build();
        var declared = DeclaredSize(xlsx);

        var outcome = await TeacherFiles.ValidateAsync(LieAboutSizes(xlsx), o => o.MaxXlsxUnpackedBytes = declared / 2);

        Assert.Contains(outcome.Report.Meldingen[0].Code, new[] { MeldingCodes.BestandTeGroot, MeldingCodes.BestandOnleesbaar });
        Assert.Equal(TerugmeldingStatus.Afgewezen, outcome.Report.Status);
    }

    [Fact]
    public async Task ValidateAsync_RejectsAsOnleesbaar_WhenRecordNeverEnds()
    {
        var csv = TeacherFiles.ValidCsv(3) + "R4;\"nooit gesloten;" + string.Concat(Enumerable.Repeat("R;10053;123456782;V;1980-01-01\r\n", 20_000));

        var outcome = await TeacherFiles.ValidateAsync(csv, o => o.MaxRecordBytes = 128 * 1024);

        AssertRejected(outcome, MeldingCodes.BestandOnleesbaar);
        Assert.Contains("aanhalingsteken", outcome.Report.Meldingen[0].Tekst, StringComparison.Ordinal);
        Assert.Contains("regel 5", outcome.Report.Meldingen[0].Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_AcceptsLongRecords_BelowTheRecordLimit()
    {
        var csv = TeacherFiles.Csv(Enumerable.Range(1, 2_000).Select(n => TeacherFiles.Row(n, "onderwijsterrein=" + new string('x', 150))));

        var outcome = await TeacherFiles.ValidateAsync(csv, o => o.MaxRecordBytes = 128 * 1024);

        Assert.Equal(2_000, outcome.Records.Count);
    }

    [Fact]
    public void UnpackBudget_Throws_WhenPartsInflatePastIt()
    {
        var budget = new UnpackBudget(10);
        using var first = budget.Wrap(new MemoryStream(new byte[6]));
        using var second = budget.Wrap(new MemoryStream(new byte[6]));
        first.CopyTo(Stream.Null);

        var ex = Assert.Throws<TeacherFileRejectedException>(() => second.CopyTo(Stream.Null));

        Assert.Equal(MeldingCodes.BestandTeGroot, ex.Melding.Code);
    }

    [Fact]
    public async Task ValidateAsync_ReportsKolommenAantal_WhenShortFileHasUnclosedQuote()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.ValidCsv(2) + "R3;\"10053;" + TeacherFiles.Bsn(3) + ";V\r\nR4;10053\r\n");

        Assert.Equal((4, MeldingCodes.KolommenAantal), (outcome.Report.Meldingen.Single().Regel!.Value, outcome.Report.Meldingen.Single().Code));
        Assert.Equal(TerugmeldingStatus.Gedeeltelijk, outcome.Report.Status);
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 }, ".xls")]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'b', 0, (byte)'s', 0, (byte)'n', 0 }, "UTF-16")]
    [InlineData(new byte[] { (byte)'b', 0, (byte)'s', 0, (byte)'n', 0 }, "CSV")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "CSV")]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 1, 2, 3 }, "beschadigd")]
    public async Task ValidateAsync_RejectsAsOnleesbaar_WithAdvice(byte[] content, string advice)
    {
        var outcome = await TeacherFiles.ValidateAsync(content);

        AssertRejected(outcome, MeldingCodes.BestandOnleesbaar);
        Assert.Contains(advice, outcome.Report.Meldingen[0].Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_KeepsHeaderWarnings_WhenFileIsRejectedLater()
    {
        var csv = TeacherFiles.ValidCsv(5).Replace("einddatum_dienstverband", "einddatum_dienst", StringComparison.Ordinal);

        var outcome = await TeacherFiles.ValidateAsync(csv, o => o.MaxRows = 2);

        Assert.Equal([MeldingCodes.BestandTeGroot, MeldingCodes.KolomOnbekend], outcome.Codes);
    }

    [Fact]
    public async Task ValidateAsync_LimitsMeldingen_ButKeepsCountsExact()
    {
        var csv = TeacherFiles.Csv(Enumerable.Range(1, 30).Select(n => TeacherFiles.Row(n, "geslacht=Q", "brinnummer=X")));

        var outcome = await TeacherFiles.ValidateAsync(csv, o => o.MaxMeldingen = 25);

        Assert.Equal(26, outcome.Report.Meldingen.Count);
        Assert.Equal((MeldingCodes.MeldingenBeperkt, Ernst.Waarschuwing), (outcome.Report.Meldingen[^1].Code, outcome.Report.Meldingen[^1].Ernst));
        Assert.Equal((30, 0, 30), (outcome.Report.AantalRegels, outcome.Report.AantalGoedgekeurd, outcome.Report.AantalAfgekeurd));
    }

    [Fact]
    public async Task ValidateAsync_LogsOnlyTheExceptionType_WhenParserFails()
    {
        var logger = new ListLogger();
        var xlsx = XlsxBuilder.FromRows([TeacherFiles.Row(1)]).Build();
        var broken = xlsx[..(xlsx.Length / 2)];

        var outcome = await TeacherFiles.ValidateAsync(new MemoryStream(broken), validator: TeacherFiles.Validator(logger: logger));

        AssertRejected(outcome, MeldingCodes.BestandOnleesbaar);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.DoesNotContain(TeacherFiles.Bsn(1), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_FailValidation_WhenGrondslagCodeIsEmpty()
    {
        var options = new TeacherFileOptions { Benoemingsgrondslagen = ["701", " "] };

        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains("Benoemingsgrondslagen", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["701", "708"], new TeacherFileOptions().EffectiveBenoemingsgrondslagen);
    }

    [Fact]
    public async Task Terugmelding_SerialisesWithContractNames_AsJson()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.Csv([TeacherFiles.Row(1), TeacherFiles.Row(2, "bsn=123456789")]));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(outcome.Report));
        var root = json.RootElement;
        Assert.Equal(
            ["bestand", "bestuursnummer", "status", "aantalRegels", "aantalGoedgekeurd", "aantalAfgekeurd", "meldingen"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["regel", "regelId", "veld", "code", "ernst", "melding", "waarde"],
            root.GetProperty("meldingen")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("gedeeltelijk", root.GetProperty("status").GetString());
    }

    internal static void AssertRejected(Outcome outcome, string code)
    {
        Assert.Equal(TerugmeldingStatus.Afgewezen, outcome.Report.Status);
        Assert.Equal((0, 0, 0), (outcome.Report.AantalRegels, outcome.Report.AantalGoedgekeurd, outcome.Report.AantalAfgekeurd));
        Assert.NotEmpty(outcome.Report.Meldingen);
        Assert.All(outcome.Report.Meldingen, m => Assert.Null(m.Regel));
        Assert.Equal(code, outcome.Report.Meldingen[0].Code);
        Assert.All(outcome.Report.Meldingen.Where(m => m.Ernst == Ernst.Fout), m => Assert.Equal(code, m.Code));
    }

    private static long DeclaredSize(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.Sum(e => e.Length);
    }

    /// <summary>Rewrites every uncompressed size in the zip headers to 1 byte, as a crafted zip bomb would.</summary>
    private static byte[] LieAboutSizes(byte[] xlsx)
    {
        var bytes = (byte[])xlsx.Clone();
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), 1);
            }
            else if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), 1);
            }
        }

        return bytes;
    }

    private sealed class ListLogger : ILogger<TeacherFileValidator>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Entries.Add((logLevel, formatter(state, exception) + exception?.Message));
        }
    }
}
