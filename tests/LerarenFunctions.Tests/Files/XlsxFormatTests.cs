using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Files;

/// <summary>The XLSX format: first worksheet, shared and inline strings, real and text dates, missing cells.</summary>
public sealed class XlsxFormatTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ValidateAsync_ReadsFirstWorksheet_WithSharedOrInlineStrings(bool sharedStrings)
    {
        var rows = Enumerable.Range(1, 3).Select(n => TeacherFiles.Row(n)).ToList();
        var xlsx = new XlsxBuilder { SharedStrings = sharedStrings, SecondSheet = true };
        xlsx.Row([.. TeacherFiles.Columns]);
        foreach (var row in rows)
        {
            xlsx.Row([.. TeacherFiles.Columns.Select(c => row[c].Length == 0 ? null : (object)row[c])]);
        }

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build(), fileName: "leraren.xlsx");

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Equal([2, 3, 4], outcome.Records.Select(r => r.Row));
        Assert.Equal(rows.Select(r => r["bsn"]), outcome.Records.Select(r => r.Bsn.Value));
    }

    [Fact]
    public async Task ValidateAsync_ReadsRealAndTextDates_FromCells()
    {
        var xlsx = new XlsxBuilder()
            .Row("bestuursnummer", "bsn", "geslacht", "geboortedatum", "benoemingsgrondslag", "begindatum_benoeming", "brinnummer", "begindatum_dienstverband", "einddatum_dienstverband")
            .Row(10053, 123456782, "V", new DateOnly(1980, 5, 1), 701, "01-08-2019", "12AB", new Styled(new DateTime(2019, 8, 1).ToOADate(), XlsxBuilder.CustomDateStyle), "31/7/2020")
            .Row(10053, 111222333, "m", new Styled(new DateTime(1981, 2, 3, 13, 45, 0).ToOADate(), XlsxBuilder.BuiltInDateStyle), "701", new DateOnly(2019, 8, 1), "12ab", "2019-08-01", null)
            .Row(10053, 12345672, "V", new Styled(0.5, XlsxBuilder.TimeStyle), 701, new DateOnly(2019, 8, 1), "12AB", "2019-08-01", 43678);

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build(), fileName: "leraren.xlsx");

        var first = outcome.Records[0];
        Assert.Equal(("123456782", "1980-05-01", "2019-08-01", "2019-08-01", "2020-07-31"), (first.Bsn.Value, first.Fields["geboortedatum"], first.Fields["begindatum_benoeming"], first.Fields["begindatum_dienstverband"], first.Fields["einddatum_dienstverband"]));
        Assert.Equal(("1981-02-03", "M", "12AB"), (outcome.Records[1].Fields["geboortedatum"], outcome.Records[1].Fields["geslacht"], outcome.Records[1].Brin.Value));

        // Row 3: 8 digits lost their leading zero in Excel; a time is no date, a plain serial number is no date either.
        Assert.Equal(
            [(4, "geboortedatum", MeldingCodes.DatumOngeldig, "0.5"), (4, "einddatum_dienstverband", MeldingCodes.DatumOngeldig, "43678")],
            outcome.Report.Meldingen.Select(m => (m.Regel!.Value, m.Veld!, m.Code, m.Waarde!)));
    }

    [Fact]
    public async Task ValidateAsync_ReadsDates_WhenWorkbookUses1904System()
    {
        var xlsx = new XlsxBuilder { Date1904 = true }
            .Row([.. TeacherFiles.Columns])
            .Row("R1", 10053, TeacherFiles.Bsn(1), "V", new DateOnly(1980, 5, 1), null, null, 701, null, new DateOnly(2019, 8, 1), null, "12AB", null, null, new DateOnly(2019, 8, 1));

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.Equal("1980-05-01", Assert.Single(outcome.Records).Fields["geboortedatum"]);
    }

    [Fact]
    public async Task ValidateAsync_TreatsMissingCellsAsEmpty_NeverAsFieldCount()
    {
        var xlsx = new XlsxBuilder()
            .Row([.. TeacherFiles.Columns])
            .Row("R1", 10053, TeacherFiles.Bsn(1), "V", "1980-05-01", null, null, 701, null, "2019-08-01", null, "12AB", null, null, "2019-08-01")
            .Row("R2", 10053, TeacherFiles.Bsn(2), "V", "1980-05-01", null, null, 701, null, "2019-08-01", null, "12AB");

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.Equal(["R1"], outcome.Records.Select(r => r.RowReference));
        Assert.Equal((3, "begindatum_dienstverband", MeldingCodes.VerplichtVeldLeeg), (outcome.Report.Meldingen.Single().Regel!.Value, outcome.Report.Meldingen.Single().Veld, outcome.Report.Meldingen.Single().Code));
    }

    [Fact]
    public async Task ValidateAsync_WarnsAndIgnoresValues_BesideTheHeader()
    {
        // As Excel saves the same sheet as CSV: a nameless column, warned about once, its values not used.
        var xlsx = new XlsxBuilder()
            .Row([.. TeacherFiles.Columns])
            .Row("R1", 10053, TeacherFiles.Bsn(1), "V", "1980-05-01", null, null, 701, null, "2019-08-01", null, "12AB", null, null, "2019-08-01", null, null, "let op: nieuw")
            .Row("R2", 10053, TeacherFiles.Bsn(2), "V", "1980-05-01", null, null, 701, null, "2019-08-01", null, "12AB", null, null, "2019-08-01", null, null, "en deze")
            .Row(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, "alleen een notitie");

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.Equal(["R1", "R2"], outcome.Records.Select(r => r.RowReference));
        Assert.Equal(
            [(MeldingCodes.KolomOnbekend, Ernst.Waarschuwing, "Kolom 18"), (MeldingCodes.KolomOnbekend, Ernst.Waarschuwing, "Kolom 19")],
            outcome.Report.Meldingen.Select(m => (m.Code, m.Ernst, m.Tekst[..8])));
        Assert.Equal((TerugmeldingStatus.Goedgekeurd, 2), (outcome.Report.Status, outcome.Report.AantalRegels));
    }

    [Fact]
    public async Task ValidateAsync_NumbersRowsAsExcel_WhenRowsAreSkipped()
    {
        var xlsx = new XlsxBuilder()
            .RowAt(2, [.. TeacherFiles.Columns])
            .RowAt(5, "R1", 10053, TeacherFiles.Bsn(1), "V", "1980-05-01", null, null, 701, null, "2019-08-01", null, "12AB", null, null, "2019-08-01")
            .RowAt(6, "  ", null)
            .RowAt(9, "R2", 10053, "123456789", "V", "1980-05-01", null, null, 701, null, "2019-08-01", null, "12AB", null, null, "2019-08-01");

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.Equal(5, Assert.Single(outcome.Records).Row);
        Assert.Equal((9, "******789"), (outcome.Single(MeldingCodes.BsnOngeldig).Regel!.Value, outcome.Single(MeldingCodes.BsnOngeldig).Waarde!));
        Assert.Equal(2, outcome.Report.AantalRegels);
    }

    [Fact]
    public async Task ValidateAsync_ReadsXlsx_FromNonSeekableStream()
    {
        var bytes = XlsxBuilder.FromRows(Enumerable.Range(1, 50).Select(n => TeacherFiles.Row(n))).Build();

        using var stream = new TrickleStream(bytes, chunk: 777);

        var outcome = await TeacherFiles.ValidateAsync(stream);

        Assert.Equal(50, outcome.Records.Count);
        Assert.Equal(TerugmeldingStatus.Goedgekeurd, outcome.Report.Status);
    }

    [Fact]
    public async Task ValidateAsync_RejectsHeaderProblems_InXlsxToo()
    {
        var xlsx = new XlsxBuilder().Row("bsn", "BSN", "geslacht", "onbekend").Row(TeacherFiles.Bsn(1), "x", "V", "y");

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.Contains(MeldingCodes.KolomDubbel, outcome.Codes);
        Assert.Contains(MeldingCodes.KolomOntbreekt, outcome.Codes);
        Assert.Contains(MeldingCodes.KolomOnbekend, outcome.Codes);
        Assert.Equal((TerugmeldingStatus.Afgewezen, 0), (outcome.Report.Status, outcome.Report.AantalRegels));
    }

    [Theory]
    [InlineData("dd/mm/yyyy", true)]
    [InlineData("[$-413]d-m-yyyy;@", true)]
    [InlineData("mmm yy", true)]
    [InlineData("mm", true)]
    [InlineData("h:mm", false)]
    [InlineData("[h]:mm:ss", false)]
    [InlineData("mm:ss", false)]
    [InlineData("0.00E+00", false)]
    [InlineData("\"dag \"0", false)]
    [InlineData("General", false)]
    [InlineData("[Red]0.00", false)]
    [InlineData("\\d0", false)]
    [InlineData("", false)]
    public void IsDateFormat_RecognisesDates_InCustomFormats(string format, bool expected)
    {
        Assert.Equal(expected, ExcelDates.IsDateFormat(format));
    }
}
