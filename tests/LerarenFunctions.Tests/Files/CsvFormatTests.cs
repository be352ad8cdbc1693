using System.Text;
using System.Text.Json;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Files;

/// <summary>The CSV format: separators, quoting, encodings, line ends, empty rows, and what a valid row becomes.</summary>
public sealed class CsvFormatTests
{
    [Theory]
    [InlineData(';')]
    [InlineData(',')]
    [InlineData('\t')]
    public async Task ValidateAsync_DetectsSeparator_FromHeaderLine(char separator)
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "adres_buitenland=Rue 1; 2, 3", "woonland=BE"), TeacherFiles.Row(2)], separator);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Empty(outcome.Report.Meldingen);
        Assert.Equal("Rue 1; 2, 3", outcome.Records[0].Fields["adres_buitenland"]);
    }

    [Fact]
    public void DetectSeparator_PrefersSemicolon_WhenCountsTie()
    {
        Assert.Equal(';', CsvTeacherFile.DetectSeparator("a;b,c\n"u8));
        Assert.Equal(',', CsvTeacherFile.DetectSeparator("\n\n  \n;;\n\"x;y\",b,c\n"u8));
        Assert.Equal('\t', CsvTeacherFile.DetectSeparator("\uFEFFa\tb\tc;d"u8));
        Assert.Equal(';', CsvTeacherFile.DetectSeparator("alleen_een_kolom"u8));
    }

    [Fact]
    public async Task ValidateAsync_UnescapesQuotes_WhenFieldsAreQuoted()
    {
        var csv = TeacherFiles.FullHeader + "\r\n"
            + $"\"R\"\"1\";\"10053\";\" {TeacherFiles.Bsn(1)} \";V;1980-05-01;BE;\"Straat 1\r\n1000 Brussel\";701;;2019-08-01;;12AB;;;2019-08-01;\r\n"
            + TeacherFiles.Csv([TeacherFiles.Row(2)]).Split("\r\n", 2)[1];

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Empty(outcome.Report.Meldingen);
        Assert.Equal("R\"1", outcome.Records[0].RowReference);
        Assert.Equal("Straat 1\r\n1000 Brussel", outcome.Records[0].Fields["adres_buitenland"]);
        Assert.Equal(TeacherFiles.Bsn(1), outcome.Records[0].Bsn.Value);

        // A record with a line break inside quotes is still one row in Excel.
        Assert.Equal([2, 3], outcome.Records.Select(r => r.Row));
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public async Task ValidateAsync_ReadsTheSameFields_WhetherOrNotARecordHasQuotes(char separator)
    {
        // Records without quotes take a shorter way through the parser; every form below must read the same.
        string Line(int n, Func<string, int, string> field) => string.Join(separator, TeacherFiles.Columns.Select((c, i) => field(TeacherFiles.Row(n,
            "regel_id= R\u00A01 ",
            "woonland= be",
            "adres_buitenland=Rue de la Loi 16 bte 2\u00A0",
            "onderwijsterrein=VO ",
            "einddatum_benoeming=2020-07-31",
            "extra_brinnummers= 34CD| 56ef ",
            "einddatum_dienstverband= 31-7-2020")[c], i)));
        var last = TeacherFiles.Columns.Count - 1;
        var csv = string.Join("\r\n",
            TeacherFiles.FullHeader.Replace(';', separator),
            Line(1, (v, _) => v),
            Line(2, (v, i) => i == last ? $" \"{v.Trim()}\" " : v),
            Line(3, (v, i) => i == 0 ? $"\"{v.Trim()}\"" : v),
            Line(4, (v, _) => $"\"{v.Trim()}\""),
            Line(5, (v, i) => i == last ? v + separator : v),
            Line(6, (v, i) => i == 6 ? $"\"Rue{separator} 16\"" : v),
            string.Empty);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal([2, 3, 4, 5, 7], outcome.Records.Select(r => r.Row));
        Assert.All(outcome.Records.Take(4), r => Assert.Equal(outcome.Records[0].Fields.ToDictionary(), r.Fields.ToDictionary()));
        Assert.Equal("R\u00A01", outcome.Records[0].RowReference);
        Assert.Equal("Rue de la Loi 16 bte 2", outcome.Records[0].Fields["adres_buitenland"]);
        Assert.Equal($"Rue{separator} 16", outcome.Records[4].Fields["adres_buitenland"]);
        Assert.Equal((6, MeldingCodes.KolommenAantal), (outcome.Report.Meldingen.Single().Regel!.Value, outcome.Report.Meldingen.Single().Code));
    }

    [Fact]
    public async Task ValidateAsync_CountsSkippedEmptyRows_InRowNumbers()
    {
        var lines = TeacherFiles.ValidCsv(3).Split("\r\n");
        var csv = string.Join("\r\n", "", lines[0], lines[1], "", ";;;;", "   ", lines[2], "\t", lines[3], "");

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal([3, 7, 9], outcome.Records.Select(r => r.Row));
        Assert.Equal(3, outcome.Report.AantalRegels);
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, outcome.Report.Status);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task ValidateAsync_ReadsEveryLineEnding(string newLine)
    {
        var csv = TeacherFiles.Csv(Enumerable.Range(1, 3).Select(n => TeacherFiles.Row(n)), newLine: newLine);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal([2, 3, 4], outcome.Records.Select(r => r.Row));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ValidateAsync_ReadsUtf8_WithAndWithoutBom(bool bom)
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "regel_id=Zoë-ß-€", "woonland=BE", "adres_buitenland=Rue de l'Église")]);
        var bytes = new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

        var outcome = await TeacherFiles.ValidateAsync(bytes);

        Assert.Empty(outcome.Report.Meldingen);
        Assert.Equal("Zoë-ß-€", outcome.Records[0].RowReference);
        Assert.Equal("Rue de l'Église", outcome.Records[0].Fields["adres_buitenland"]);
    }

    [Fact]
    public async Task ValidateAsync_ReadsWindows1252_WhenBytesAreNotUtf8()
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "regel_id=café", "woonland=BE", "adres_buitenland=Rue de l'Église € 5")]);
        var bytes = CodePagesEncoding1252().GetBytes(csv);
        Assert.Contains((byte)0xE9, bytes);

        var outcome = await TeacherFiles.ValidateAsync(bytes);

        Assert.Empty(outcome.Report.Meldingen);
        Assert.Equal("café", outcome.Records[0].RowReference);
        Assert.Equal("Rue de l'Église € 5", outcome.Records[0].Fields["adres_buitenland"]);
    }

    [Fact]
    public async Task ValidateAsync_ReadsEachByteRight_WhenUtf8AndWindows1252AreMixed()
    {
        var utf8 = Encoding.UTF8.GetBytes(TeacherFiles.Csv([TeacherFiles.Row(1, "regel_id=Zoë")]));
        var ansi = CodePagesEncoding1252().GetBytes(TeacherFiles.Csv([TeacherFiles.Row(2, "regel_id=Chloé")]).Split("\r\n", 2)[1]);

        var outcome = await TeacherFiles.ValidateAsync([.. utf8, .. ansi]);

        Assert.Equal(["Zoë", "Chloé"], outcome.Records.Select(r => r.RowReference));
    }

    [Fact]
    public async Task ValidateAsync_MatchesHeaderNames_CaseInsensitiveTrimmedAnyOrder()
    {
        var bsn = TeacherFiles.Bsn(1);
        var csv = " BEGINDATUM_DIENSTVERBAND ;Brinnummer;\"BSN\";Geslacht;Geboortedatum;Benoemingsgrondslag;Begindatum_Benoeming;Bestuursnummer\n"
            + $"2019-08-01;12AB;{bsn};V;1980-05-01;701;2019-08-01;10053\n";

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Empty(outcome.Report.Meldingen);
        Assert.Equal(bsn, Assert.Single(outcome.Records).Bsn.Value);
    }

    [Fact]
    public async Task ValidateAsync_AcceptsExistingSyntheticFiles_WithTheSkeletonHeader()
    {
        var outcome = await TeacherFiles.ValidateAsync(SyntheticData.TeacherCsv("10053", rows: 50));

        Assert.Empty(outcome.Report.Meldingen);
        Assert.Equal(50, outcome.Records.Count);
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, outcome.Report.Status);
    }

    [Fact]
    public async Task ValidateAsync_NormalisesFields_WhenRowIsValid()
    {
        var csv = TeacherFiles.Csv(
        [
            TeacherFiles.Row(
                1,
                "regel_id=  R 1  ",
                "bsn=12345672",
                "geslacht=x",
                "geboortedatum=5-3-1981",
                "woonland=be",
                "adres_buitenland= Grote Markt 1 ",
                "benoemingsgrondslag=708",
                "onderwijsterrein= VO ",
                "begindatum_benoeming=01/08/2019",
                "einddatum_benoeming=31-7-2020",
                "brinnummer=07nu",
                "brin_volgnummer=1",
                "extra_brinnummers= 12ab || 34Cd |",
                "begindatum_dienstverband=2019-8-1",
                "einddatum_dienstverband=2020-07-31"),
            TeacherFiles.Row(2),
        ]);

        var outcome = await TeacherFiles.ValidateAsync(csv);

        var record = outcome.Records[0];
        Assert.Equal(("012345672", "07NU", 2), (record.Bsn.Value, record.Brin.Value, record.Row));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["regel_id"] = "R 1",
                ["bestuursnummer"] = "10053",
                ["geslacht"] = "X",
                ["geboortedatum"] = "1981-03-05",
                ["woonland"] = "BE",
                ["adres_buitenland"] = "Grote Markt 1",
                ["benoemingsgrondslag"] = "708",
                ["onderwijsterrein"] = "VO",
                ["begindatum_benoeming"] = "2019-08-01",
                ["einddatum_benoeming"] = "2020-07-31",
                ["brin_volgnummer"] = "01",
                ["extra_brinnummers"] = "12AB|34CD",
                ["begindatum_dienstverband"] = "2019-08-01",
                ["einddatum_dienstverband"] = "2020-07-31",
            },
            record.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary());

        // Empty optional fields are left out; woonland defaults to NL.
        Assert.Equal(
            ["begindatum_benoeming", "begindatum_dienstverband", "benoemingsgrondslag", "bestuursnummer", "geboortedatum", "geslacht", "regel_id", "woonland"],
            outcome.Records[1].Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("NL", outcome.Records[1].Fields["woonland"]);
    }

    [Fact]
    public async Task Fields_BehaveAsDictionary_AndSerialiseAsJsonObject()
    {
        var outcome = await TeacherFiles.ValidateAsync(TeacherFiles.ValidCsv(1));
        var fields = outcome.Records[0].Fields;

        Assert.Equal(8, fields.Count);
        Assert.True(fields.ContainsKey("geslacht"));
        Assert.False(fields.ContainsKey("bsn"));
        Assert.False(fields.ContainsKey("GESLACHT"));
        Assert.False(fields.TryGetValue("einddatum_benoeming", out _));
        Assert.Throws<KeyNotFoundException>(() => fields["brinnummer"]);
        Assert.Equal("V", fields.GetValueOrDefault("geslacht"));
        var json = JsonSerializer.Serialize(fields);
        Assert.Equal(fields.ToDictionary(), JsonSerializer.Deserialize<Dictionary<string, string>>(json));
        Assert.StartsWith("{\"regel_id\":\"R1\",\"bestuursnummer\":\"10053\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_WarnsAndIgnoresColumn_WhenColumnIsUnknown()
    {
        var lines = TeacherFiles.ValidCsv(2).Split("\r\n");
        var csv = string.Join("\r\n", lines.Select((l, i) => i == 0 ? l + ";opmerking;Opmerking;" : l.Length == 0 ? l : l + ";iets;anders;"));

        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal(
            [(MeldingCodes.KolomOnbekend, "opmerking", Ernst.Waarschuwing), (MeldingCodes.KolomOnbekend, null, Ernst.Waarschuwing)],
            outcome.Report.Meldingen.Select(m => (m.Code, m.Veld, m.Ernst)));
        Assert.All(outcome.Report.Meldingen, m => Assert.Null(m.Regel));
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, outcome.Report.Status);
        Assert.Equal(2, outcome.Records.Count);
        Assert.DoesNotContain("opmerking", outcome.Records[0].Fields.Keys);
    }

    [Fact]
    public async Task ValidateAsync_ReadsNonSeekableStream_AsItArrives()
    {
        var bytes = TeacherFiles.Utf8(TeacherFiles.ValidCsv(20_000));
        using var stream = new TrickleStream(bytes, chunk: 1000);
        var seenAtFirst = -1L;
        var rows = new List<int>();

        var report = await TeacherFiles.Validator().ValidateAsync(stream, "leraren.csv", TeacherFiles.Board, TeacherFiles.Peildatum, (record, _) =>
        {
            if (rows.Count == 0)
            {
                seenAtFirst = stream.BytesRead;
            }

            rows.Add(record.Row);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(TerugmeldingStatus.Goedgekeurd, report.Status);
        Assert.Equal(Enumerable.Range(2, 20_000), rows);
        Assert.InRange(seenAtFirst, 1, bytes.Length / 4);
    }

    [Fact]
    public async Task ValidateAsync_HandsOnEarlierRows_BeforeReadingLaterDuplicates()
    {
        var events = new List<string>();
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1), TeacherFiles.Row(2), TeacherFiles.Row(1, "regel_id=again"), TeacherFiles.Row(3)]);

        var report = await TeacherFiles.Validator().ValidateAsync(new MemoryStream(TeacherFiles.Utf8(csv)), "x.csv", TeacherFiles.Board, TeacherFiles.Peildatum, (record, _) =>
        {
            events.Add(record.RowReference!);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(["R1", "R2", "R3"], events);
        Assert.Equal(4, Assert.Single(report.Meldingen).Regel);
    }

    [Fact]
    public async Task ValidateAsync_LetsCallbackFailurePass_WithoutRejectingTheFile()
    {
        var validator = TeacherFiles.Validator();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => validator.ValidateAsync(
            new MemoryStream(TeacherFiles.Utf8(TeacherFiles.ValidCsv(3))), "x.csv", TeacherFiles.Board, TeacherFiles.Peildatum,
            (_, _) => throw new InvalidOperationException("opslag weg"), CancellationToken.None));

        Assert.Equal("opslag weg", ex.Message);
    }

    [Fact]
    public async Task ValidateAsync_LetsSourceFailurePass_SoTheDeliveryIsRetried()
    {
        var bytes = TeacherFiles.Utf8(TeacherFiles.ValidCsv(5_000));
        using var stream = new TrickleStream(bytes, chunk: 4096, failAfter: 100_000);

        var ex = await Assert.ThrowsAsync<IOException>(() => TeacherFiles.ValidateAsync(stream));

        Assert.Equal("verbinding verbroken", ex.Message);
    }

    [Fact]
    public async Task ValidateAsync_StopsWithCancellation_WhenTokenIsCancelled()
    {
        using var cts = new CancellationTokenSource();
        var validator = TeacherFiles.Validator();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => validator.ValidateAsync(
            new MemoryStream(TeacherFiles.Utf8(TeacherFiles.ValidCsv(100))), "x.csv", TeacherFiles.Board, TeacherFiles.Peildatum,
            async (_, _) => await cts.CancelAsync(), cts.Token));
    }

    [Fact]
    public async Task ValidateAsync_TakesPeildatumInAmsterdam_WhenNoneIsGiven()
    {
        // 23:30 UTC on 30 March 2025 is already 31 March in Amsterdam (summer time): the teacher turns 15 that day.
        var time = new FixedTime(new DateTimeOffset(2025, 3, 30, 23, 30, 0, TimeSpan.Zero));
        var validator = TeacherFiles.Validator(time: time);
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1, "geboortedatum=2010-03-31"), TeacherFiles.Row(2, "geboortedatum=2010-04-01")]);

        var report = await validator.ValidateAsync(new MemoryStream(TeacherFiles.Utf8(csv)), "x.csv", TeacherFiles.Board, (_, _) => ValueTask.CompletedTask, CancellationToken.None);

        var melding = Assert.Single(report.Meldingen);
        Assert.Equal((3, MeldingCodes.LeeftijdOnwaarschijnlijk), (melding.Regel!.Value, melding.Code));
        Assert.Contains("31-03-2025", melding.Tekst, StringComparison.Ordinal);
    }

    internal static Encoding CodePagesEncoding1252() => CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>A non-seekable stream that hands out at most <c>chunk</c> bytes per read, like a network stream.</summary>
internal sealed class TrickleStream(byte[] content, int chunk, long failAfter = long.MaxValue) : LerarenFunctions.Core.Files.ReadOnlyForwardStream
{
    public long BytesRead { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        if (BytesRead >= failAfter)
        {
            throw new IOException("verbinding verbroken");
        }

        var n = (int)Math.Min(Math.Min(buffer.Length, chunk), content.Length - BytesRead);
        content.AsSpan((int)BytesRead, n).CopyTo(buffer);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
