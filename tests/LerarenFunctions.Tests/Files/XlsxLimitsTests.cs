using System.Globalization;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Tests.Files;

/// <summary>
/// Hostile XLSX files that stay far under the unpack budget yet would cost gigabytes to read naively: one huge text,
/// millions of shared strings, deep nesting, endless markup. Each must be rejected at once as BESTAND_ONLEESBAAR while
/// the memory the validator allocates stays bounded. The files are streamed into a zip, so the tests stay cheap too.
/// </summary>
public sealed class XlsxLimitsTests
{
    /// <summary>What reading any of the hostile files may allocate; a naive reader takes gigabytes.</summary>
    internal const long MemoryBound = 64L * 1024 * 1024;

    /// <summary>Excel's own limit on the characters in one cell.</summary>
    internal const int ExcelMaxCellCharacters = 32_767;

    private const int Huge = 200_000_000;

    private static readonly long SharedStringBudget = new TeacherFileRules(new TeacherFileOptions()).MaxSharedStringBytes;

    /// <summary>The shared strings may take their budget; the bound adds the reader's own needs.</summary>
    private static readonly long SharedStringBound = SharedStringBudget + (32L * 1024 * 1024);

    [Theory]
    [InlineData("inline")]
    [InlineData("runs")]
    [InlineData("value")]
    [InlineData("cdata")]
    [InlineData("shared")]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenOneCellHoldsAHugeText(string where)
    {
        var xlsx = new StreamedXlsx
        {
            Sheet = w =>
            {
                w.Write(StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow + "<row r=\"2\">");
                switch (where)
                {
                    case "inline":
                        w.Write("<c r=\"A2\" t=\"inlineStr\"><is><t>");
                        StreamedXlsx.Repeat(w, "x", Huge);
                        w.Write("</t></is></c>");
                        break;
                    case "runs":
                        // Every run is short enough; together they are not.
                        w.Write("<c r=\"A2\" t=\"inlineStr\"><is>");
                        StreamedXlsx.Repeat(w, "<r><t>" + new string('x', 30_000) + "</t></r>", Huge / 30_000);
                        w.Write("</is></c>");
                        break;
                    case "value":
                        w.Write("<c r=\"A2\" t=\"str\"><f>A1</f><v>");
                        StreamedXlsx.Repeat(w, "x", Huge);
                        w.Write("</v></c>");
                        break;
                    case "cdata":
                        w.Write("<c r=\"A2\" t=\"inlineStr\"><is><t><![CDATA[");
                        StreamedXlsx.Repeat(w, "x", Huge);
                        w.Write("]]></t></is></c>");
                        break;
                    default:
                        w.Write("<c r=\"A2\" t=\"s\"><v>0</v></c>");
                        break;
                }

                w.Write("</row>" + StreamedXlsx.SheetEnd);
            },
            SharedStrings = where != "shared" ? null : w =>
            {
                w.Write($"<sst xmlns=\"{RawXlsx.Main}\"><si><t>");
                StreamedXlsx.Repeat(w, "x", Huge);
                w.Write("</t></si></sst>");
            },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), MemoryBound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenACellIsOneCharacterLongerThanExcelAllows(bool shared)
    {
        var text = new string('r', ExcelMaxCellCharacters + 1);

        var outcome = await TeacherFiles.ValidateAsync(WithRegelId(text, shared));

        FileRuleTests.AssertRejected(outcome, MeldingCodes.BestandOnleesbaar);
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("shared")]
    [InlineData("runs")]
    public async Task ValidateAsync_ReportsVeldTeLang_WhenACellHoldsAsMuchAsExcelAllows(string where)
    {
        var text = new string('r', ExcelMaxCellCharacters);
        var xlsx = where == "runs"
            ? RawXlsx.WithSheet(StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow
                + StreamedXlsx.ValidRow(2, 1).Replace("<t>R1</t>", $"<r><t>{text[..20_000]}</t></r><r><t>{text[20_000..]}</t></r>", StringComparison.Ordinal)
                + StreamedXlsx.ValidRow(3, 2) + StreamedXlsx.SheetEnd)
            : WithRegelId(text, where == "shared");

        var outcome = await TeacherFiles.ValidateAsync(xlsx);

        var melding = outcome.Single(MeldingCodes.VeldTeLang);
        Assert.Equal((2, "regel_id"), (melding.Regel!.Value, melding.Veld));
        Assert.DoesNotContain(MeldingCodes.BestandOnleesbaar, outcome.Codes);
        Assert.Equal((TerugmeldingStatus.Gedeeltelijk, 2, 1), (outcome.Report.Status, outcome.Report.AantalRegels, outcome.Report.AantalGoedgekeurd));
    }

    [Fact]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenSharedStringsHaveMillionsOfEntries()
    {
        var xlsx = new StreamedXlsx
        {
            SharedStrings = w =>
            {
                w.Write($"<sst xmlns=\"{RawXlsx.Main}\">");
                StreamedXlsx.Repeat(w, "<si/>", 20_000_000);
                w.Write("</sst>");
            },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), SharedStringBound, FileMeldingen.ExcelTeVeelTekst(SharedStringBudget));
    }

    [Fact]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenSharedStringsHoldTooMuchText()
    {
        // Each entry is within Excel's limit; 5,000 of them are 160 million characters, 320 MB as strings.
        var xlsx = new StreamedXlsx
        {
            SharedStrings = w =>
            {
                w.Write($"<sst xmlns=\"{RawXlsx.Main}\">");
                StreamedXlsx.Repeat(w, "<si><t>" + new string('x', 32_000) + "</t></si>", 5_000);
                w.Write("</sst>");
            },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), SharedStringBound, FileMeldingen.ExcelTeVeelTekst(SharedStringBudget));
    }

    [Fact]
    public async Task ValidateAsync_ReadsFile_WhenSharedStringsAreManyButWithinTheBudget()
    {
        // A million different short texts: more than a file of 500,000 teachers needs (regel_id and bsn as text).
        var xlsx = new StreamedXlsx
        {
            Sheet = w => w.Write(StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow + StreamedXlsx.ValidRow(2, 1).Replace(
                "<c r=\"A2\" t=\"inlineStr\"><is><t>R1</t></is></c>", "<c r=\"A2\" t=\"s\"><v>999999</v></c>", StringComparison.Ordinal) + StreamedXlsx.SheetEnd),
            SharedStrings = w =>
            {
                w.Write($"<sst xmlns=\"{RawXlsx.Main}\">");
                for (var i = 0; i < 1_000_000; i++)
                {
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"<si><t>R{i}</t></si>"));
                }

                w.Write("</sst>");
            },
        };

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Equal("R999999", Assert.Single(outcome.Records).RowReference);
    }

    [Theory]
    [InlineData("sheet")]
    [InlineData("sharedStrings")]
    [InlineData("styles")]
    [InlineData("workbook")]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenElementsNestTooDeep(string part)
    {
        const int depth = 1_000_000;
        static void Nest(TextWriter w)
        {
            StreamedXlsx.Repeat(w, "<x>", depth);
            StreamedXlsx.Repeat(w, "</x>", depth);
        }

        var xlsx = part switch
        {
            "sheet" => new StreamedXlsx { Sheet = w => { w.Write(StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow); Nest(w); w.Write(StreamedXlsx.SheetEnd); } },
            "sharedStrings" => new StreamedXlsx { SharedStrings = w => { w.Write($"<sst xmlns=\"{RawXlsx.Main}\"><si>"); Nest(w); w.Write("</si></sst>"); } },
            "styles" => new StreamedXlsx { Styles = w => { w.Write($"<styleSheet xmlns=\"{RawXlsx.Main}\"><cellXfs>"); Nest(w); w.Write("</cellXfs></styleSheet>"); } },
            _ => new StreamedXlsx
            {
                Workbook = w =>
                {
                    w.Write($"<workbook xmlns=\"{RawXlsx.Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
                    Nest(w);
                    w.Write("<sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
                },
            },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), MemoryBound);
    }

    [Theory]
    [InlineData("attribute")]
    [InlineData("name")]
    [InlineData("cdata")]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenOnePieceOfMarkupIsHuge(string what)
    {
        // An XML reader holds a tag with its attributes, or a CDATA section, whole; text it can hand out in chunks.
        var (open, close) = what switch
        {
            "attribute" => ("<c r=\"A2\" t=\"inlineStr\" x=\"", "\"><is><t>R1</t></is></c>"),
            "name" => ("<c r=\"A2\" t=\"inlineStr\"><x", "/><is><t>R1</t></is></c>"),
            _ => ("<c r=\"A2\" t=\"str\"><f><![CDATA[", "]]></f><v>R1</v></c>"),
        };
        var xlsx = new StreamedXlsx
        {
            Sheet = w =>
            {
                w.Write(StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow + "<row r=\"2\">" + open);
                StreamedXlsx.Repeat(w, "x", Huge);
                w.Write(close + "</row>" + StreamedXlsx.SheetEnd);
            },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), MemoryBound);
    }

    [Fact]
    public async Task ValidateAsync_ReadsFile_WhenMarkupIsLongAndNestedAsExcelWritesIt()
    {
        // A data validation on many separate cells has a long sqref; extensions nest some levels deep.
        var sqref = string.Join(' ', Enumerable.Range(1, 20_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"Q{i}")));
        var extension = string.Concat(Enumerable.Repeat("<x14:e>", 20)) + "<xm:f>Blad1!A1</xm:f>" + string.Concat(Enumerable.Repeat("</x14:e>", 20));
        var sheet = $"<worksheet xmlns=\"{RawXlsx.Main}\" xmlns:x14=\"urn:x14\" xmlns:xm=\"urn:xm\"><sheetData>"
            + StreamedXlsx.HeaderRow + StreamedXlsx.ValidRow(2, 1) + "</sheetData>"
            + $"<dataValidations count=\"1\"><dataValidation type=\"list\" sqref=\"{sqref}\"><formula1>\"M,V,X,O\"</formula1></dataValidation></dataValidations>"
            + $"<extLst><ext uri=\"{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}\">{extension}</ext></extLst></worksheet>";

        var outcome = await TeacherFiles.ValidateAsync(RawXlsx.WithSheet(sheet));

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Equal("R1", Assert.Single(outcome.Records).RowReference);
    }

    [Fact]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenStylesHaveMillionsOfFormats()
    {
        var xlsx = new StreamedXlsx
        {
            Styles = w =>
            {
                w.Write($"<styleSheet xmlns=\"{RawXlsx.Main}\"><numFmts>");
                for (var i = 0; i < 200_000; i++)
                {
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"<numFmt numFmtId=\"{1000 + i}\" formatCode=\"dd/mm/yyyy\"/>"));
                }

                w.Write("</numFmts><cellXfs>");
                StreamedXlsx.Repeat(w, "<xf numFmtId=\"14\"/>", 5_000_000);
                w.Write("</cellXfs></styleSheet>");
            },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), MemoryBound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenARowHasMoreCellsThanExcel(bool references)
    {
        // Excel has 16,384 columns: a row with two million cells is not an Excel row.
        var xlsx = new StreamedXlsx
        {
            Sheet = w =>
            {
                w.Write(StreamedXlsx.SheetStart + StreamedXlsx.HeaderRow + "<row r=\"2\">");
                StreamedXlsx.Repeat(w, references ? "<c r=\"Z2\"><v>1</v></c>" : "<c><v>1</v></c>", 2_000_000);
                w.Write("</row>" + StreamedXlsx.SheetEnd);
            },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), MemoryBound);
    }

    [Theory]
    [InlineData("contentTypes")]
    [InlineData("relationships")]
    [InlineData("entries")]
    public async Task ValidateAsync_RejectsAsUnreadable_WhenThePackageHasHugeNumbersOfParts(string what)
    {
        // The Open XML SDK reads the package's own XML and its list of entries whole, before any part is read.
        var xlsx = what switch
        {
            "contentTypes" => new StreamedXlsx
            {
                MoreContentTypes = w =>
                {
                    for (var i = 0; i < 1_000_000; i++)
                    {
                        w.Write(string.Create(CultureInfo.InvariantCulture, $"<Override PartName=\"/x/{i}.xml\" ContentType=\"application/xml\"/>"));
                    }
                },
            },
            "relationships" => new StreamedXlsx { MoreRelationships = w => Hyperlinks(w, 1_000_000) },
            _ => new StreamedXlsx { EmptyEntries = 50_000 },
        };

        await AssertUnreadableWithinAsync(xlsx.Build(), MemoryBound, FileMeldingen.ExcelTeVeelOnderdelen());
    }

    [Fact]
    public async Task ValidateAsync_ReadsFile_WhenThePackageHasThousandsOfHyperlinks()
    {
        var xlsx = new StreamedXlsx { MoreRelationships = w => Hyperlinks(w, 20_000), EmptyEntries = 2_000 };

        var outcome = await TeacherFiles.ValidateAsync(xlsx.Build());

        Assert.True(outcome.Report.Meldingen.Count == 0, outcome.ToString());
        Assert.Single(outcome.Records);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(4096)]
    public void TagGuard_FindsTheEndOfEveryCDataSection_WhateverTheReadsAre(int chunk)
    {
        // Every way "<![CDATA[" and "]]>" can be split over two reads; after them, more than the bound of plain XML.
        var sections = string.Concat(Enumerable.Range(0, 40).Select(n => "<t><![CDATA[" + new string(']', n % 5) + "<x>]>" + new string('y', n) + "]]></t>"));
        var xml = "<sst>" + sections + string.Concat(Enumerable.Repeat("<si><t>abcdefgh</t></si>", 60_000)) + "</sst>";
        Assert.True(xml.Length > XlsxTeacherFile.MaxTagCharacters);

        Assert.Equal(xml, ReadThroughGuard(xml, chunk));
    }

    [Theory]
    [InlineData("<t><![CDATA[", "]>")]
    [InlineData("<c r=\"A1\" x=\"", "x")]
    [InlineData("<t>", "x")]
    public void TagGuard_RejectsARun_WhenItOutgrowsTheBound(string start, string repeated)
    {
        var xml = start + string.Concat(Enumerable.Repeat(repeated, (XlsxTeacherFile.MaxTagCharacters / repeated.Length) + 1));

        var rejected = Assert.Throws<TeacherFileRejectedException>(() => ReadThroughGuard(xml, 4096));

        Assert.Equal(MeldingCodes.BestandOnleesbaar, rejected.Melding.Code);
    }

    private static string ReadThroughGuard(string xml, int chunk)
    {
        using var guard = new XlsxTeacherFile.TagGuard(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));
        var text = new System.Text.StringBuilder();
        var buffer = new char[chunk];
        int read;
        while ((read = guard.Read(buffer, 0, chunk)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    private static void Hyperlinks(TextWriter writer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"<Relationship Id=\"h{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"mailto:leraar{i}@school.example\" TargetMode=\"External\"/>"));
        }
    }

    /// <summary>A file with the header and two valid rows; the first row's regel_id is <paramref name="regelId"/>.</summary>
    private static byte[] WithRegelId(string regelId, bool shared)
    {
        var xlsx = new XlsxBuilder { SharedStrings = shared }.Row([.. TeacherFiles.Columns]);
        foreach (var row in new[] { TeacherFiles.Row(1, "regel_id=" + regelId), TeacherFiles.Row(2) })
        {
            xlsx.Row([.. TeacherFiles.Columns.Select(c => row[c].Length == 0 ? null : (object)row[c])]);
        }

        return xlsx.Build();
    }

    /// <summary>
    /// Validates <paramref name="xlsx"/> and asserts it is rejected as unreadable, having allocated less than
    /// <paramref name="bound"/> bytes. Over a MemoryStream the validator never yields, so this thread does all of its
    /// work and the thread's allocation count is complete.
    /// </summary>
    internal static async Task AssertUnreadableWithinAsync(byte[] xlsx, long bound, Melding? melding = null)
    {
        Assert.InRange(xlsx.Length, 1, new TeacherFileOptions().MaxFileBytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var validation = TeacherFiles.ValidateAsync(xlsx, fileName: "leraren.xlsx");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(validation.IsCompleted, "The validation yielded; the allocation count would be incomplete.");

        var outcome = await validation;

        Assert.True(allocated < bound, string.Create(CultureInfo.InvariantCulture, $"Allocated {allocated / (1024 * 1024)} MB, more than {bound / (1024 * 1024)} MB ({outcome.Report.Status}: {outcome})."));
        FileRuleTests.AssertRejected(outcome, MeldingCodes.BestandOnleesbaar);
        Assert.Equal((melding ?? FileMeldingen.ExcelBeschadigd()).Tekst, outcome.Report.Meldingen[0].Tekst);
    }
}
