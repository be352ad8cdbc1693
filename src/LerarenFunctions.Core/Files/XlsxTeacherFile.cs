using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// Reads the first worksheet of an XLSX with the Open XML SDK's streaming reader: the sheet is never loaded as a
/// document. Everything the parts unpack to is counted against one budget.
/// </summary>
internal static class XlsxTeacherFile
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Excel has 16,384 columns; a reference past that is corrupt.</summary>
    private const int MaxColumns = 16_384;

    /// <summary>Reads <paramref name="zip"/>, which must be seekable and start at the zip signature.</summary>
    public static async Task ReadAsync(
        TeacherFileCheck check,
        Stream zip,
        TeacherFileRules rules,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        var budget = new UnpackBudget(rules.MaxXlsxUnpackedBytes);
        CheckDeclaredSizes(zip, rules.MaxXlsxUnpackedBytes);
        zip.Position = 0;

        using var document = Open(zip);
        var workbook = document.WorkbookPart ?? throw Corrupt(null);
        var (sheet, date1904) = FirstWorksheet(workbook, budget);
        var dateStyles = DateStyles(workbook.WorkbookStylesPart, budget);
        var sharedStrings = SharedStrings(workbook.SharedStringTablePart, budget);

        using var reader = Reader(sheet, budget);
        var cells = new CellRow();
        var lastRow = 0;
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.LocalName == "row")
            {
                if (reader.IsStartElement)
                {
                    rowNumber = int.TryParse(Attribute(reader, "r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > lastRow ? r : lastRow + 1;
                    cells.Clear();
                    continue;
                }

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

                    cells.Limit = check.HeaderWidth;
                }

                if (record is not null)
                {
                    check.InCallback = true;
                    await onValidRecord(record, cancellationToken);
                    check.InCallback = false;
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
            else if (reader.LocalName == "c" && reader.IsStartElement)
            {
                ReadCell(reader, cells, sharedStrings, dateStyles, date1904);
            }
        }
    }

    private static void CheckDeclaredSizes(Stream zip, long maxBytes)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                if (total > maxBytes)
                {
                    throw new TeacherFileRejectedException(FileMeldingen.ExcelTeGroot(maxBytes));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    private static SpreadsheetDocument Open(Stream zip)
    {
        try
        {
            return SpreadsheetDocument.Open(zip, isEditable: false, new OpenSettings { AutoSave = false });
        }
        catch (Exception ex) when (ex is not (SourceReadException or OperationCanceledException))
        {
            throw Corrupt(ex);
        }
    }

    private static (WorksheetPart Sheet, bool Date1904) FirstWorksheet(WorkbookPart workbook, UnpackBudget budget)
    {
        var date1904 = false;
        var ids = new List<string>();
        using (var reader = Reader(workbook, budget))
        {
            while (reader.Read())
            {
                if (!reader.IsStartElement)
                {
                    continue;
                }

                if (reader.LocalName == "workbookPr")
                {
                    date1904 = Attribute(reader, "date1904") is "1" or "true";
                }
                else if (reader.LocalName == "sheet" && Attribute(reader, "id", RelationshipsNamespace) is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        foreach (var id in ids)
        {
            if (workbook.TryGetPartById(id, out var part) && part is WorksheetPart sheet)
            {
                return (sheet, date1904);
            }
        }

        throw new TeacherFileRejectedException(FileMeldingen.ExcelZonderWerkblad());
    }

    /// <summary>Per cell style (index into cellXfs): whether its number format shows a date.</summary>
    private static bool[] DateStyles(WorkbookStylesPart? styles, UnpackBudget budget)
    {
        if (styles is null)
        {
            return [];
        }

        var custom = new Dictionary<int, bool>();
        var result = new List<bool>();
        var inCellFormats = false;
        using var reader = Reader(styles, budget);
        while (reader.Read())
        {
            if (reader.LocalName == "cellXfs")
            {
                inCellFormats = reader.IsStartElement;
            }
            else if (reader.IsStartElement && reader.LocalName == "numFmt"
                && int.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                custom[id] = ExcelDates.IsDateFormat(Attribute(reader, "formatCode"));
            }
            else if (inCellFormats && reader.IsStartElement && reader.LocalName == "xf")
            {
                _ = int.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var format);
                result.Add(custom.TryGetValue(format, out var isDate) ? isDate : ExcelDates.IsBuiltInDateFormat(format));
            }
        }

        return [.. result];
    }

    private static List<string> SharedStrings(SharedStringTablePart? part, UnpackBudget budget)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        var text = new StringBuilder();
        var phonetic = 0;
        using var reader = Reader(part, budget);
        while (reader.Read())
        {
            switch (reader.LocalName)
            {
                case "si" when reader.IsStartElement:
                    text.Clear();
                    break;
                case "si":
                    strings.Add(text.ToString());
                    break;

                // Phonetic runs (for Japanese) are not part of the cell's text.
                case "rPh":
                    phonetic += reader.IsStartElement ? 1 : -1;
                    break;
                case "t" when reader.IsStartElement && phonetic == 0:
                    text.Append(reader.GetText());
                    break;
            }
        }

        return strings;
    }

    private static void ReadCell(OpenXmlReader reader, CellRow cells, List<string> sharedStrings, bool[] dateStyles, bool date1904)
    {
        string? reference = null, type = null, style = null;
        foreach (var attribute in reader.Attributes)
        {
            switch (attribute.LocalName)
            {
                case "r":
                    reference = attribute.Value;
                    break;
                case "t":
                    type = attribute.Value;
                    break;
                case "s":
                    style = attribute.Value;
                    break;
            }
        }

        string? value = null;
        StringBuilder? inline = null;
        while (reader.Read() && !(reader.IsEndElement && reader.LocalName == "c"))
        {
            if (!reader.IsStartElement)
            {
                continue;
            }

            if (reader.LocalName == "v")
            {
                value = reader.GetText();
            }
            else if (reader.LocalName == "t")
            {
                (inline ??= new StringBuilder()).Append(reader.GetText());
            }
        }

        var column = ColumnIndex(reference, cells.NextColumn);
        var text = type switch
        {
            "s" => SharedString(sharedStrings, value),
            "inlineStr" => inline?.ToString(),
            "d" => IsoDate(value),
            "str" or "e" or "b" => value,
            _ => Number(value, style, dateStyles, date1904),
        };
        cells.Set(column, text);
    }

    private static string? SharedString(List<string> sharedStrings, string? value) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count ? sharedStrings[index]
        : throw Corrupt(null);

    private static string? IsoDate(string? value) =>
        value is { Length: >= 10 } && DutchDate.TryParse(value.AsSpan(0, 10), out var date) ? DutchDate.ToIsoString(date) : value;

    private static string? Number(string? value, string? style, bool[] dateStyles, bool date1904)
    {
        if (value is null || !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return value;
        }

        if (int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < dateStyles.Length && dateStyles[s]
            && ExcelDates.TryFromSerial(number, date1904, out var date))
        {
            return DutchDate.ToIsoString(date);
        }

        // A number typed into Excel comes back as 123456782 or 1.2E+8; the board typed the digits.
        return number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : value;
    }

    private static int ColumnIndex(string? reference, int next)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return next;
        }

        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > MaxColumns)
            {
                throw Corrupt(null);
            }
        }

        return index == 0 ? next : index - 1;
    }

    private static string? Attribute(OpenXmlReader reader, string localName, string namespaceUri = "")
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == localName && attribute.NamespaceUri == namespaceUri)
            {
                return attribute.Value;
            }
        }

        return null;
    }

    private static OpenXmlPartReader Reader(OpenXmlPart part, UnpackBudget budget) =>
        new(budget.Wrap(part.GetStream(FileMode.Open, FileAccess.Read)), part.Features, new OpenXmlPartReaderOptions { CloseStream = true });

    private static TeacherFileRejectedException Corrupt(Exception? cause) => new(FileMeldingen.ExcelBeschadigd(), cause);

    /// <summary>The cells of one row by column; only the columns the header has are kept.</summary>
    private sealed class CellRow
    {
        private string?[] _values = new string?[32];

        /// <summary>One past the last column that has a value.</summary>
        public int Width { get; private set; }

        /// <summary>The columns past <see cref="Limit"/> that have a value in this row.</summary>
        public List<int> BeyondLimit { get; } = [];

        public int NextColumn { get; private set; }

        /// <summary>Columns past this are only counted, never stored (the header's width once it is known).</summary>
        public int Limit { get; set; } = MaxColumns;

        public void Clear()
        {
            Array.Clear(_values, 0, Math.Min(_values.Length, Math.Max(Width, NextColumn)));
            Width = 0;
            NextColumn = 0;
            BeyondLimit.Clear();
        }

        public void Set(int column, string? value)
        {
            NextColumn = column + 1;
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            Width = Math.Max(Width, column + 1);
            if (column >= Limit)
            {
                BeyondLimit.Add(column);
                return;
            }

            if (column >= _values.Length)
            {
                Array.Resize(ref _values, Math.Max(column + 1, _values.Length * 2));
            }

            _values[column] = value;
        }

        public string[] Names()
        {
            var names = new string[Width];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = _values[i] ?? string.Empty;
            }

            return names;
        }

        public FieldRow AsFieldRow() => new(_values, Limit);
    }

    /// <summary>Always as wide as the header: missing cells are empty fields, never a different field count.</summary>
    private readonly struct FieldRow(string?[] values, int count) : IFieldRow
    {
        public int Count => count;

        public ReadOnlySpan<char> this[int index] => index < values.Length ? values[index].AsSpan().Trim() : default;
    }
}
