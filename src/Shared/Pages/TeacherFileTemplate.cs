using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// The template teacher file a board downloads from its page: the contract's columns as the header row and one example
/// row that passes every rule, with the board's own number. As CSV (<c>;</c>, UTF-8 with BOM, for Dutch Excel) and as
/// XLSX (the Open XML SDK, as the validator reads it; every cell text, so a BSN keeps its leading zero).
/// </summary>
internal static class TeacherFileTemplate
{
    public const string Csv = "csv";

    public const string Xlsx = "xlsx";

    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The download's name, without its extension.</summary>
    public const string FileName = "leraren-sjabloon";

    /// <summary>
    /// A made-up BSN from the range the Dutch government keeps for tests (999990000 and up) that passes the eleven
    /// test: never a person's.
    /// </summary>
    public const string ExampleBsn = "999990019";

    /// <summary>The example row, one value per column of <see cref="TeacherFileColumns.All"/>.</summary>
    public static IReadOnlyList<string> ExampleRow(Bestuursnummer board) =>
    [
        "voorbeeld-1",      // regel_id
        board.Value,        // bestuursnummer
        ExampleBsn,         // bsn
        "V",                // geslacht
        "1985-03-14",       // geboortedatum
        "NL",               // woonland
        "",                 // adres_buitenland
        "701",              // benoemingsgrondslag
        "",                 // onderwijsterrein
        "2024-08-01",       // begindatum_benoeming
        "",                 // einddatum_benoeming
        "12AB",             // brinnummer
        "",                 // brin_volgnummer
        "",                 // extra_brinnummers
        "2024-08-01",       // begindatum_dienstverband
        "",                 // einddatum_dienstverband
    ];

    public static byte[] ToCsv(Bestuursnummer board)
    {
        var text = string.Join(';', TeacherFileColumns.All) + "\r\n" + string.Join(';', ExampleRow(board)) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    public static byte[] ToXlsx(Bestuursnummer board)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new Worksheet(new SheetData(NewRow(1, TeacherFileColumns.All), NewRow(2, ExampleRow(board))));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Leraren" }));
        }

        return stream.ToArray();
    }

    private static Row NewRow(uint index, IReadOnlyList<string> values)
    {
        var row = new Row { RowIndex = index };
        for (var column = 0; column < values.Count; column++)
        {
            row.AppendChild(new Cell
            {
                CellReference = ColumnName(column) + index,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(values[column])),
            });
        }

        return row;
    }

    /// <summary>A, B, ..., Z, AA, ...: the letters of a zero-based column.</summary>
    private static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
