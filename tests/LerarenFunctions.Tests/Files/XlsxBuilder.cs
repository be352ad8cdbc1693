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
    public static byte[] WithSheet(string sheetXml, string? sharedStringsXml = null, bool addSheet = true)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            if (addSheet)
            {
                var sheet = workbook.AddNewPart<WorksheetPart>();
                using (var xml = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(sheetXml)))
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
