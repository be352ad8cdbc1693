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
    [InlineData(true)]
    [InlineData(false)]
    public async Task ValidateAsync_JoinsRichTextRuns_AndLeavesOutPhoneticRuns(bool shared)
    {
        // Excel writes text with mixed formatting as runs, and a Japanese reading as a phonetic run outside the text.
        const string richText = "<r><rPr><b/></rPr><t>R</t></r><r><t xml:space=\"preserve\">1 &amp; </t></r><r><t><![CDATA[2]]></t></r>"
            + "<rPh sb=\"0\" eb=\"1\"><t>アール</t></rPh><phoneticPr fontId=\"1\"/>";
        var row = StreamedXlsx.ValidRow(2, 1);
        row = shared
            ? row.Replace("<c r=\"A2\" t=\"inlineStr\"><is><t>R1</t></is></c>", "<c r=\"A2\" t=\"s\"><v>0</v></c>", StringComparison.Ordinal)
            : row.Replace("<is><t>R1</t></is>", "<is>" + richText + "</is>", StringComparison.Ordinal);
        var xlsx = RawXlsx.WithSheet(
            StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow + row + StreamedXlsx.SheetEnd,
            shared ? $"<sst xmlns=\"{RawXlsx.Main}\" count=\"1\" uniqueCount=\"1\"><si>{richText}</si></sst>" : null);

        var outcome = await TeacherFiles.ValidateAsync(xlsx);

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Equal("R1 & 2", Assert.Single(outcome.Records).RowReference);
    }

    [Fact]
    public async Task ValidateAsync_ReadsIndentedSheet_WithEmptyRowAndCellElements()
    {
        // Other tools than Excel indent their XML and write empty rows and cells as empty elements.
        var sheet = StreamedXlsx.SheetStart + "\n  " + StreamedXlsx.HeaderRow.Replace("><", ">\n    <", StringComparison.Ordinal)
            + "\n  <row r=\"2\"/>\n  <row r=\"3\" spans=\"1:16\"><c r=\"A3\"/><c r=\"B3\" s=\"0\"></c></row>\n  "
            + StreamedXlsx.ValidRow(4, 1).Replace("</c>", "</c>\n    ", StringComparison.Ordinal) + "\n" + StreamedXlsx.SheetEnd;

        var outcome = await TeacherFiles.ValidateAsync(RawXlsx.WithSheet(sheet));

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Equal((4, "R1"), (Assert.Single(outcome.Records).Row, outcome.Records[0].RowReference));
        Assert.Equal(1, outcome.Report.AantalRegels);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public async Task ValidateAsync_ReadsSheet_InEveryEncodingAPackageAllows(string name)
    {
        // Open Packaging Conventions: XML parts are UTF-8 or UTF-16, the latter with a byte order mark.
        var encoding = System.Text.Encoding.GetEncoding(name);
        var sheet = $"<?xml version=\"1.0\" encoding=\"{name}\" standalone=\"yes\"?>"
            + StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow + StreamedXlsx.ValidRow(2, 1, "adres_buitenland=Rue de l'Église 1", "woonland=BE") + StreamedXlsx.SheetEnd;

        var outcome = await TeacherFiles.ValidateAsync(RawXlsx.WithSheet(sheet, encoding: encoding));

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Equal("Rue de l'Église 1", Assert.Single(outcome.Records).Fields["adres_buitenland"]);
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
