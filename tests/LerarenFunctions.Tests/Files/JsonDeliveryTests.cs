using System.Text;
using System.Text.Json;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Files;

/// <summary>
/// A delivery as JSON turned into the CSV it stands for, and the row numbering of that CSV: <c>regel</c> is the
/// 1-based index in <c>leraren</c>, where a file counts its header as regel 1.
/// </summary>
public sealed class JsonDeliveryTests
{
    [Fact]
    public async Task ValidateAsync_NumbersRowsFromTheFirstRecord_WhenNumberingIsRecords()
    {
        var csv = TeacherFiles.ValidCsv(1) + TeacherFiles.Csv([TeacherFiles.Row(2, "geslacht=Q")]).Split("\r\n", 2)[1];

        var spreadsheet = await ValidateAsync(Encoding.UTF8.GetBytes(csv), RowNumbering.Spreadsheet);
        var records = await ValidateAsync(Encoding.UTF8.GetBytes(csv), RowNumbering.Records);

        Assert.Equal(3, spreadsheet.Single(MeldingCodes.GeslachtOngeldig).Regel);
        Assert.Equal(2, records.Single(MeldingCodes.GeslachtOngeldig).Regel);
    }

    [Fact]
    public async Task ValidateAsync_ReportsTheDuplicateByIndex_WhenNumberingIsRecords()
    {
        var csv = TeacherFiles.Csv([TeacherFiles.Row(1), TeacherFiles.Row(1, "regel_id=R2")]);

        var outcome = await ValidateAsync(Encoding.UTF8.GetBytes(csv), RowNumbering.Records);

        var duplicate = outcome.Single(MeldingCodes.RegelDubbel);
        Assert.Equal(2, duplicate.Regel);
        Assert.Contains("gelijk aan regel 1:", duplicate.Tekst, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10053/api-2025-01-02-030405-abcdefghij.json.csv", RowNumbering.Records)]
    [InlineData("10053/proef/api-2025-01-02-030405-abcdefghij.JSON.CSV", RowNumbering.Records)]
    [InlineData("10053/api-2025-01-02-030405-abcdefghij.csv", RowNumbering.Spreadsheet)]
    [InlineData("10053/leraren.json", RowNumbering.Spreadsheet)]
    public void NumberingOf_CountsByRecord_WhenTheNameEndsInJsonCsv(string path, RowNumbering expected)
    {
        Assert.Equal(expected, DeliveryPath.NumberingOf(DeliveryPath.Parse(path).FileName));
    }

    [Fact]
    public async Task ToCsvAsync_ReportsABadRecordByItsIndex_WhenTheCsvIsValidated()
    {
        var body = Json(TeacherFiles.Row(1), TeacherFiles.Row(2), TeacherFiles.Row(3, "geboortedatum=31-02-1980"), TeacherFiles.Row(4));

        var outcome = await ConvertAndValidateAsync(body);

        Assert.Equal((TerugmeldingStatus.Gedeeltelijk, 4, 3), (outcome.Report.Status, outcome.Report.AantalRegels, outcome.Report.AantalGoedgekeurd));
        Assert.Equal(3, Assert.Single(outcome.Report.Meldingen).Regel);
        Assert.Equal([1, 2, 4], outcome.Records.Select(r => r.Row));
    }

    [Fact]
    public async Task ToCsvAsync_KeepsValuesThatNeedQuoting_WhenTheyHoldSeparatorsQuotesOrLineBreaks()
    {
        var body = Json(TeacherFiles.Row(1, "regel_id=a;b \"c\"\nd"), TeacherFiles.Row(2, "regel_id=R2"));

        var outcome = await ConvertAndValidateAsync(body);

        Assert.Equal(TerugmeldingStatus.Goedgekeurd, outcome.Report.Status);
        Assert.Equal("a;b \"c\"\nd", outcome.Records[0].RowReference);
        Assert.Equal([1, 2], outcome.Records.Select(r => r.Row));
    }

    [Fact]
    public async Task ToCsvAsync_WarnsAsForAnUnknownColumn_WhenARecordHasAnUnknownProperty()
    {
        var first = TeacherFiles.Row(1);
        first["afdeling"] = "bovenbouw";
        var second = TeacherFiles.Row(2);
        second["Afdeling"] = "onderbouw";

        var outcome = await ConvertAndValidateAsync(Json(first, second));

        Assert.Equal((TerugmeldingStatus.Goedgekeurd, 2), (outcome.Report.Status, outcome.Records.Count));
        Assert.Contains("afdeling", outcome.Single(MeldingCodes.KolomOnbekend).Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToCsvAsync_TreatsNullAndMissingAsEmpty_WhenAnOptionalOrRequiredPropertyHasNoValue()
    {
        const string body = """
            {"leraren": [
              {"regel_id": "R1", "bestuursnummer": "10053", "bsn": "BSN1", "geslacht": "V", "geboortedatum": "1980-05-01",
               "benoemingsgrondslag": "701", "begindatum_benoeming": "2019-08-01", "brinnummer": "12AB",
               "begindatum_dienstverband": "2019-08-01", "einddatum_dienstverband": null},
              {"regel_id": "R2", "bestuursnummer": "10053", "bsn": "BSN2", "geboortedatum": "1980-05-01",
               "benoemingsgrondslag": "701", "begindatum_benoeming": "2019-08-01", "brinnummer": "12AB",
               "begindatum_dienstverband": "2019-08-01"}
            ]}
            """;

        var outcome = await ConvertAndValidateAsync(body.Replace("BSN1", TeacherFiles.Bsn(1), StringComparison.Ordinal).Replace("BSN2", TeacherFiles.Bsn(2), StringComparison.Ordinal));

        var missing = outcome.Single(MeldingCodes.VerplichtVeldLeeg);
        Assert.Equal((2, TeacherFileColumns.Geslacht), (missing.Regel, missing.Veld));
        Assert.Equal([1], outcome.Records.Select(r => r.Row));
    }

    [Fact]
    public async Task ToCsvAsync_GivesTheReportOfAFileWithoutRows_WhenLerarenIsEmpty()
    {
        var outcome = await ConvertAndValidateAsync("""{"leraren": []}""");

        Assert.Equal(TerugmeldingStatus.Afgewezen, outcome.Report.Status);
        Assert.Equal([MeldingCodes.BestandLeeg], outcome.Codes);
    }

    [Theory]
    [InlineData("""{"leraren": [ {"bsn": 123456782} ]}""", "Leraar 1 in 'leraren': de waarde van 'bsn' is geen tekst")]
    [InlineData("""{"leraren": [ {"bsn": "1"}, {"geslacht": ["V"]} ]}""", "Leraar 2 in 'leraren': de waarde van 'geslacht' is geen tekst")]
    [InlineData("""{"leraren": [ {"bsn": "1"}, {"geslacht": true} ]}""", "Leraar 2 in 'leraren'")]
    [InlineData("""{"leraren": [ {"bsn": "1"}, "bsn" ]}""", "Leraar 2 in 'leraren' is geen JSON-object")]
    [InlineData("""{"leraren": [ {"bsn": "1", "BSN": "2"} ]}""", "de eigenschap 'bsn' meer dan één keer")]
    [InlineData("""{"leraren": [ {"bsn": "1\u0000"} ]}""", "stuurteken")]
    [InlineData("""{"leraren": {"bsn": "1"}}""", "moet een lijst")]
    [InlineData("""{"Leraren": []}""", "onbekende eigenschap")]
    [InlineData("""{"leraren": [], "leraren": []}""", "meer dan één keer")]
    [InlineData("""[]""", "De body moet een JSON-object zijn")]
    [InlineData("""{}""", "De body moet een JSON-object zijn")]
    [InlineData("""{"leraren": [ {"bsn": "1"} ]""", "geen geldige JSON")]
    [InlineData("""{"leraren": [ {"bsn": "1"}, ]}""", "geen geldige JSON")]
    [InlineData("""{"leraren": []} {}""", "geen geldige JSON")]
    [InlineData("", "geen geldige JSON")]
    public async Task ToCsvAsync_RefusesAsInvalid_WhenTheBodyIsNotOfTheContractsShape(string body, string detail)
    {
        var refused = await Assert.ThrowsAsync<JsonDeliveryException>(() => ConvertAsync(body, maxRecords: 10));

        Assert.Equal(JsonDeliveryProblem.Invalid, refused.Problem);
        Assert.Contains(detail, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToCsvAsync_NeverEchoesABsn_WhenAnUnknownPropertyNameIsOne()
    {
        var body = $$"""{"leraren": [ {"{{TeacherFiles.Bsn(1)}}": 1} ]}""";

        var refused = await Assert.ThrowsAsync<JsonDeliveryException>(() => ConvertAsync(body, maxRecords: 10));

        Assert.DoesNotContain(TeacherFiles.Bsn(1), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToCsvAsync_RefusesAndReadsNoFurther_WhenARecordPastTheLimitStarts()
    {
        var head = Encoding.UTF8.GetBytes("""{"leraren": [ {"bsn": "1"}, {"bsn": "2"}, {"bsn": "3"}, {""");
        using var body = new ThrowingAfter(head);

        var refused = await Assert.ThrowsAsync<JsonDeliveryException>(() => JsonTeacherRecords.ToCsvAsync(body, 2, 1024 * 1024, CancellationToken.None));

        Assert.Equal(JsonDeliveryProblem.TooManyRecords, refused.Problem);
        Assert.Contains("hoogstens 2 leraren", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToCsvAsync_Accepts_WhenTheRecordsAreExactlyTheLimit()
    {
        await using var csv = await ConvertAsync(Json(TeacherFiles.Row(1), TeacherFiles.Row(2)), maxRecords: 2);

        Assert.True(csv.Length > 0);
    }

    [Fact]
    public async Task ToCsvAsync_RefusesAsInvalid_WhenOneValueIsLongerThanTheTokenLimit()
    {
        var body = Json(TeacherFiles.Row(1, "regel_id=" + new string('x', 40_000)));

        var refused = await Assert.ThrowsAsync<JsonDeliveryException>(() => ConvertAsync(body, maxRecords: 10, maxTokenBytes: 32 * 1024));

        Assert.Equal(JsonDeliveryProblem.Invalid, refused.Problem);
        Assert.Contains("Leraar 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToCsvAsync_ReadsBodiesInSmallPieces_WhenTheStreamAnswersAFewBytesAtATime()
    {
        var body = Encoding.UTF8.GetBytes(Json(Enumerable.Range(1, 50).Select(n => TeacherFiles.Row(n)).ToArray()));
        using var trickle = new Trickle(body);

        await using var csv = await JsonTeacherRecords.ToCsvAsync(trickle, 100, 1024 * 1024, CancellationToken.None);
        var outcome = await TeacherFiles.ValidateAsync(csv);

        Assert.Equal((TerugmeldingStatus.Goedgekeurd, 50), (outcome.Report.Status, outcome.Records.Count));
    }

    private static string Json(params Dictionary<string, string>[] records) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["leraren"] = records });

    private static async Task<Stream> ConvertAsync(string body, int maxRecords, int maxTokenBytes = 1024 * 1024) =>
        await JsonTeacherRecords.ToCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), maxRecords, maxTokenBytes, CancellationToken.None);

    private static async Task<Outcome> ConvertAndValidateAsync(string body)
    {
        await using var csv = await ConvertAsync(body, maxRecords: 1000);
        return await ValidateAsync(csv, RowNumbering.Records);
    }

    private static Task<Outcome> ValidateAsync(byte[] content, RowNumbering numbering) => ValidateAsync(new MemoryStream(content), numbering);

    private static async Task<Outcome> ValidateAsync(Stream content, RowNumbering numbering)
    {
        var records = new List<TeacherRecord>();
        var report = await TeacherFiles.Validator().ValidateAsync(content, "leraren.json.csv", TeacherFiles.Board, TeacherFiles.Peildatum, numbering, (record, _) =>
        {
            records.Add(record);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return new Outcome(report, records);
    }

    /// <summary>A body that fails when read past its first bytes: what follows must not be read.</summary>
    private sealed class ThrowingAfter(byte[] head) : MemoryStream(head)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= Length ? throw new InvalidDataException("Read past the limit.") : base.ReadAsync(buffer, cancellationToken);
    }

    /// <summary>A body that arrives seven bytes at a time.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }
}
