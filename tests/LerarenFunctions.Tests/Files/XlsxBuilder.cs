using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LerarenFunctions.Tests.Files;

/// <summary>Builds XLSX files in memory with the Open XML SDK, the way Excel writes them (shared strings, date styles).</summary>
internal sealed class XlsxBuilder
{
    /// <summary>Cell style 1: built-in date format 14.</summary>
    public const uint BuiltInDateStyle = 1;

    /// <summary>Cell style 2: custom format "dd/mm/yyyy" (id 164).</summary>
    public const uint CustomDateStyle = 2;

    /// <summary>Cell style 3: custom time format "h:mm" (id 165), not a date.</summary>
    public const uint TimeStyle = 3;

    private readonly List<(uint Number, object?[] Cells)> _rows = [];

    public bool SharedStrings { get; init; } = true;

    public bool Date1904 { get; init; }

    /// <summary>Adds an empty sheet before the data sheet when set: the first sheet is the one read.</summary>
    public bool SecondSheet { get; init; }

    /// <summary>A row after the last one. Cells: string, DateOnly (date style), <see cref="Styled"/>, a number, or null (no cell).</summary>
    public XlsxBuilder Row(params object?[] cells) => RowAt(_rows.Count == 0 ? 1 : _rows[^1].Number + 1, cells);

    public XlsxBuilder RowAt(uint number, params object?[] cells)
    {
        _rows.Add((number, cells));
        return this;
    }

    /// <summary>The teacher-file rows as text cells (header first).</summary>
    public static XlsxBuilder FromRows(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var builder = new XlsxBuilder().Row([.. TeacherFiles.Columns]);
        foreach (var row in rows)
        {
            builder.Row([.. TeacherFiles.Columns.Select(c => row[c].Length == 0 ? null : (object)row[c])]);
        }

        return builder;
    }

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            if (Date1904)
            {
                workbook.Workbook.Append(new WorkbookProperties { Date1904 = true });
            }

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddStyles(workbook);
            var strings = new List<string>();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var (number, cells) in _rows)
            {
                var row = new Row { RowIndex = number };
                for (var i = 0; i < cells.Length; i++)
                {
                    if (cells[i] is { } value)
                    {
                        row.Append(Cell(ColumnName(i) + number, value, strings));
                    }
                }

                data.Append(row);
            }

            sheet.Worksheet = new Worksheet(data);
            if (SecondSheet)
            {
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Leraren" });
                var other = workbook.AddNewPart<WorksheetPart>();
                other.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("anders")) }) { RowIndex = 1 }));
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(other), SheetId = 2, Name = "Toelichting" });
            }
            else
            {
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Leraren" });
            }

            if (SharedStrings && strings.Count > 0)
            {
                var table = workbook.AddNewPart<SharedStringTablePart>();
                table.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            }
        }

        return stream.ToArray();
    }

    /// <summary>The column letters of a zero-based index (0 = A, 26 = AA).</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    private Cell Cell(string reference, object value, List<string> strings)
    {
        switch (value)
        {
            case Styled styled:
                return new Cell { CellReference = reference, CellValue = new CellValue(styled.Number), StyleIndex = styled.Style };
            case DateOnly date:
                return new Cell { CellReference = reference, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate() - (Date1904 ? 1462 : 0)), StyleIndex = BuiltInDateStyle };
            case string text when SharedStrings:
                strings.Add(text);
                return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.Count - 1) };
            case string text:
                return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
            case int number:
                return new Cell { CellReference = reference, CellValue = new CellValue(number) };
            case double number:
                return new Cell { CellReference = reference, CellValue = new CellValue(number) };
            default:
                throw new ArgumentException($"No cell for {value.GetType()}", nameof(value));
        }
    }

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "h:mm" }) { Count = 2 },
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill()) { Count = 1 },
            new Borders(new Border()) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 14 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 4 });
    }
}

/// <summary>A number cell with an explicit style.</summary>
internal sealed record Styled(double Number, uint Style);

/// <summary>XLSX files with hand-written parts, for what the SDK's object model would refuse to write.</summary>
internal static class RawXlsx
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose first sheet is <paramref name="sheetXml"/> verbatim, with optional shared strings.</summary>
    public static byte[] WithSheet(string sheetXml, string? sharedStringsXml = null, bool addSheet = true, System.Text.Encoding? encoding = null)
    {
        encoding ??= new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            if (addSheet)
            {
                var sheet = workbook.AddNewPart<WorksheetPart>();
                using (var xml = new MemoryStream([.. encoding.GetPreamble(), .. encoding.GetBytes(sheetXml)]))
                {
                    sheet.FeedData(xml);
                }

                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Blad1" });
            }

            if (sharedStringsXml is not null)
            {
                var strings = workbook.AddNewPart<SharedStringTablePart>();
                using var xml = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(sharedStringsXml));
                strings.FeedData(xml);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A sheet of rows of inline-string cells without row or cell references.</summary>
    public static string SheetWithoutReferences(IEnumerable<IEnumerable<string?>> rows) =>
        $"<worksheet xmlns=\"{Main}\"><sheetData>"
        + string.Concat(rows.Select(r => "<row>" + string.Concat(r.Select(c => c is null ? "<c/>" : $"<c t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(c)}</t></is></c>")) + "</row>"))
        + "</sheetData></worksheet>";
}

/// <summary>
/// An XLSX whose parts are written as streams straight into the zip, never built in memory: hostile files that are
/// small packed but unpack to hundreds of megabytes stay cheap for the test that makes them. The parts are the least
/// a workbook needs; a part left null is not in the package.
/// </summary>
internal sealed class StreamedXlsx
{
    public const string SheetStart = $"<worksheet xmlns=\"{RawXlsx.Main}\"><sheetData>";

    public const string SheetEnd = "</sheetData></worksheet>";

    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    /// <summary>Row 1: the full header as inline strings.</summary>
    public static string HeaderRow { get; } = InlineRow(1, TeacherFiles.Columns);

    /// <summary>Writes xl/worksheets/sheet1.xml; by default the header and one valid row.</summary>
    public Action<TextWriter> Sheet { get; init; } = w => w.Write(SheetStart + HeaderRow + ValidRow(2, 1) + SheetEnd);

    /// <summary>Writes xl/workbook.xml; by default one sheet, rId1.</summary>
    public Action<TextWriter> Workbook { get; init; } = w => w.Write(
        $"<workbook xmlns=\"{RawXlsx.Main}\" xmlns:r=\"{Relationships}\"><sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");

    /// <summary>Writes xl/sharedStrings.xml (rId2).</summary>
    public Action<TextWriter>? SharedStrings { get; init; }

    /// <summary>Writes xl/styles.xml (rId3).</summary>
    public Action<TextWriter>? Styles { get; init; }

    /// <summary>Writes more entries into [Content_Types].xml.</summary>
    public Action<TextWriter>? MoreContentTypes { get; init; }

    /// <summary>Writes more relationships into xl/_rels/workbook.xml.rels.</summary>
    public Action<TextWriter>? MoreRelationships { get; init; }

    /// <summary>Empty zip entries added after the parts.</summary>
    public int EmptyEntries { get; init; }

    /// <summary>Teacher row <paramref name="n"/> (<see cref="TeacherFiles.Row"/>) as row <paramref name="regel"/> of inline strings.</summary>
    public static string ValidRow(int regel, int n, params string[] changes)
    {
        var row = TeacherFiles.Row(n, changes);
        return InlineRow(regel, TeacherFiles.Columns.Select(c => row[c].Length == 0 ? null : row[c]));
    }

    /// <summary>A row of inline-string cells with references; a null value is no cell.</summary>
    public static string InlineRow(int regel, IEnumerable<string?> values) =>
        $"<row r=\"{regel}\">"
        + string.Concat(values.Select((v, i) => v is null ? string.Empty : $"<c r=\"{XlsxBuilder.ColumnName(i)}{regel}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(v)}</t></is></c>"))
        + "</row>";

    /// <summary>Writes <paramref name="text"/> <paramref name="count"/> times, without building the whole.</summary>
    public static void Repeat(TextWriter writer, string text, long count)
    {
        var block = string.Concat(Enumerable.Repeat(text, Math.Max(1, 65_536 / text.Length)));
        var perBlock = block.Length / text.Length;
        for (; count >= perBlock; count -= perBlock)
        {
            writer.Write(block);
        }

        for (; count > 0; count--)
        {
            writer.Write(text);
        }
    }

    public byte[] Build()
    {
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + SpreadsheetMl + "sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" + SpreadsheetMl + "worksheet+xml\"/>"
                + (SharedStrings is null ? string.Empty : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" + SpreadsheetMl + "sharedStrings+xml\"/>")
                + (Styles is null ? string.Empty : "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + SpreadsheetMl + "styles+xml\"/>");
            Entry(zip, "[Content_Types].xml", w =>
            {
                w.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" + overrides);
                MoreContentTypes?.Invoke(w);
                w.Write("</Types>");
            });
            Entry(zip, "_rels/.rels", w => w.Write(Rels(("rId1", "officeDocument", "xl/workbook.xml"))));
            var parts = new List<(string, string, string)> { ("rId1", "worksheet", "worksheets/sheet1.xml") };
            if (SharedStrings is not null)
            {
                parts.Add(("rId2", "sharedStrings", "sharedStrings.xml"));
            }

            if (Styles is not null)
            {
                parts.Add(("rId3", "styles", "styles.xml"));
            }

            Entry(zip, "xl/_rels/workbook.xml.rels", w =>
            {
                var rels = Rels([.. parts]);
                w.Write(rels[..^"</Relationships>".Length]);
                MoreRelationships?.Invoke(w);
                w.Write("</Relationships>");
            });
            Entry(zip, "xl/workbook.xml", Workbook);
            Entry(zip, "xl/worksheets/sheet1.xml", Sheet);
            if (SharedStrings is not null)
            {
                Entry(zip, "xl/sharedStrings.xml", SharedStrings);
            }

            if (Styles is not null)
            {
                Entry(zip, "xl/styles.xml", Styles);
            }

            for (var i = 0; i < EmptyEntries; i++)
            {
                zip.CreateEntry(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"leeg/{i}.bin"), System.IO.Compression.CompressionLevel.NoCompression);
            }
        }

        return output.ToArray();
    }

    private static string Rels(params (string Id, string Type, string Target)[] relationships) =>
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + string.Concat(relationships.Select(r => $"<Relationship Id=\"{r.Id}\" Type=\"{Relationships}/{r.Type}\" Target=\"{r.Target}\"/>"))
        + "</Relationships>";

    private static void Entry(System.IO.Compression.ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var stream = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Fastest).Open();
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 65_536);
        write(writer);
    }
}
