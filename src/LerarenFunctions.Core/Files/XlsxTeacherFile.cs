using System.Globalization;
using System.Xml;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// Reads the first worksheet of an XLSX. The Open XML SDK opens the package and finds the parts; each part is read as a
/// stream with a plain <see cref="XmlReader"/> (a file of 100,000 rows validates in a quarter of the time the SDK's
/// own reader took, allocating a sixth), and never loaded as a document. A small zip can unpack to XML that costs gigabytes to read naively, and the host reads four files at once
/// on a few gigabytes, so what a file can make us hold is bounded, not only the bytes it unpacks to:
/// <list type="bullet">
/// <item>bytes: everything the parts unpack to counts against one budget (<see cref="UnpackBudget"/>);</item>
/// <item>the package itself: <see cref="MaxZipEntries"/> entries, <see cref="MaxPackageXmlBytes"/> of content types and
/// relationships, which the SDK reads whole;</item>
/// <item>one cell or shared string: <see cref="MaxCellCharacters"/>, its text read in chunks, so that a huge text is
/// rejected without ever being held;</item>
/// <item>one tag with its attributes, or one CDATA section: <see cref="MaxTagCharacters"/> (<see cref="TagGuard"/>);</item>
/// <item>nesting: <see cref="MaxDepth"/>;</item>
/// <item>shared strings: <see cref="TeacherFileRules.MaxSharedStringBytes"/>, counting their number and their characters;</item>
/// <item>styles and rows: <see cref="MaxCellFormats"/>, <see cref="MaxNumberFormats"/>, and <see cref="MaxColumns"/> cells a row;</item>
/// <item>one row: <see cref="TeacherFileOptions.MaxRecordBytes"/> characters of text, as a CSV record's bytes, of which only
/// the columns the header maps are kept as strings (<see cref="CellRow"/>).</item>
/// </list>
/// A file past one of these is rejected at once as BESTAND_ONLEESBAAR: never an out-of-memory, which the trigger would retry.
/// </summary>
internal static partial class XlsxTeacherFile
{
    /// <summary>Excel's own limit on the characters in one cell; a longer cell or shared string is not from Excel.</summary>
    internal const int MaxCellCharacters = 32_767;

    /// <summary>
    /// The deepest element nesting read. Excel writes a sheet less than 10 deep (worksheet, sheetData, row, c, is, r, t,
    /// and a few levels in extensions); 64 leaves room for any writer, while a file nested a million deep would cost
    /// the XML reader a node per level.
    /// </summary>
    internal const int MaxDepth = 64;

    /// <summary>
    /// The most characters from one <c>&lt;</c> to the next (a tag with its attributes, and the text after it), and in
    /// one CDATA section: the XML reader holds a tag, and a CDATA section, whole. The longest Excel writes are lists of
    /// cell ranges (<c>sqref</c>) of some kilobytes, and a full cell written as character references (some 300,000).
    /// 1,048,576 characters is 2 MB in the reader's buffer.
    /// </summary>
    internal const int MaxTagCharacters = 1024 * 1024;

    /// <summary>
    /// The most cell formats (<c>xf</c> in <c>cellXfs</c>). Excel allows 65,490; other writers have been known to
    /// write one per cell, so sixteen times that is allowed: one flag each, 1 MB.
    /// </summary>
    internal const int MaxCellFormats = 1024 * 1024;

    /// <summary>The most custom number formats. Excel allows 200 to 250 (by language version); 65,536 take about 2 MB.</summary>
    internal const int MaxNumberFormats = 65_536;

    /// <summary>Excel has 16,384 columns: a reference past that is corrupt, and so is a row with more cells.</summary>
    internal const int MaxColumns = 16_384;

    /// <summary>
    /// The most entries the zip may have. Excel writes about a dozen for a plain workbook and a few more per sheet,
    /// chart or picture; the SDK keeps an object per entry (a zip of 300,000 empty entries, 26 MB, cost it 900 MB).
    /// </summary>
    internal const int MaxZipEntries = 10_000;

    /// <summary>
    /// The most bytes the package's own XML (<c>[Content_Types].xml</c> and the <c>.rels</c> parts) may unpack to
    /// together. The SDK reads it whole into objects, at 10 to 30 bytes of memory per byte (a million relationships
    /// in a 9 MB zip cost it 1.4 GB). A plain workbook has a few kilobytes of it; 8 MB leaves room for some 50,000
    /// hyperlinks.
    /// </summary>
    internal const long MaxPackageXmlBytes = 8L * 1024 * 1024;


    /// <summary>Reads <paramref name="zip"/>, which must be seekable and start at the zip signature.</summary>
    public static async Task ReadAsync(
        TeacherFileCheck check,
        Stream zip,
        TeacherFileRules rules,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        var parts = new PartReader(new UnpackBudget(rules.MaxXlsxUnpackedBytes), rules.MaxXlsxUnpackedBytes);
        CheckDeclaredSizes(zip, rules.MaxXlsxUnpackedBytes);
        zip.Position = 0;

        using var document = Open(zip);
        var workbook = document.WorkbookPart ?? throw Corrupt(null);
        var (sheet, date1904) = FirstWorksheet(workbook, parts);
        var dateStyles = DateStyles(workbook.WorkbookStylesPart, parts);
        var texts = new CellTexts();
        var sharedStrings = SharedStrings(workbook.SharedStringTablePart, parts, texts.Text, rules.MaxSharedStringBytes);

        using var reader = parts.Open(sheet);
        var cells = new CellRow(rules.MaxRecordBytes);
        var lastRow = 0;
        var rowNumber = 0;
        while (Next(reader))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "c")
            {
                ReadCell(reader, cells, texts, sharedStrings, dateStyles, date1904);
                continue;
            }

            if (reader.LocalName != "row")
            {
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                rowNumber = int.TryParse(reader.GetAttribute("r", string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > lastRow ? r : lastRow + 1;
                cells.Start(rowNumber);
                if (!reader.IsEmptyElement)
                {
                    continue;
                }
            }
            else if (reader.NodeType != XmlNodeType.EndElement)
            {
                continue;
            }

            // The row ended (or was an empty element).
            lastRow = rowNumber;
            TeacherRecord? record = null;
            if (check.HasHeader)
            {
                // Excel users keep notes beside the table; saved as CSV those become nameless columns, so they
                // are treated alike: a warning, and the values are not used.
                foreach (var column in cells.BeyondLimit)
                {
                    check.WarnNamelessColumn(column + 1);
                }

                record = check.CheckRow(rowNumber, cells.AsFieldRow());
            }
            else if (cells.Width > 0)
            {
                // The first row with a value is the header; rows before it are empty.
                if (!check.SetHeader(cells.Names()))
                {
                    return;
                }

                cells.UseHeader(check.ReadPositions());
            }

            if (record is not null)
            {
                check.InCallback = true;
                await onValidRecord(record, cancellationToken);
                check.InCallback = false;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static TeacherFileRejectedException Corrupt(Exception? cause) => new(FileMeldingen.ExcelBeschadigd(), cause);
}
