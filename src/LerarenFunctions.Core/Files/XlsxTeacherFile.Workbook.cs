using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace LerarenFunctions.Core.Files;

// Workbook: the parts read before the sheet (workbook, styles, shared strings) and what is kept of them.
internal static partial class XlsxTeacherFile
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// The first sheet that is a worksheet (not a chart sheet), and the date system. Only the first match is kept,
    /// however many sheets the workbook lists.
    /// </summary>
    private static (WorksheetPart Sheet, bool Date1904) FirstWorksheet(WorkbookPart workbook, PartReader parts)
    {
        var date1904 = false;
        WorksheetPart? first = null;
        using (var reader = parts.Open(workbook))
        {
            while (Next(reader))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "workbookPr")
                {
                    date1904 = reader.GetAttribute("date1904", string.Empty) is "1" or "true";
                }
                else if (first is null && reader.LocalName == "sheet" && reader.GetAttribute("id", RelationshipsNamespace) is { } id
                    && workbook.TryGetPartById(id, out var part) && part is WorksheetPart sheet)
                {
                    first = sheet;
                }
            }
        }

        return first is null ? throw new TeacherFileRejectedException(FileMeldingen.ExcelZonderWerkblad()) : (first, date1904);
    }

    /// <summary>Per cell style (index into cellXfs): whether its number format shows a date.</summary>
    private static bool[] DateStyles(WorkbookStylesPart? styles, PartReader parts)
    {
        if (styles is null)
        {
            return [];
        }

        var custom = new Dictionary<int, bool>();
        var result = new List<bool>();
        var inCellFormats = false;
        using var reader = parts.Open(styles);
        while (Next(reader))
        {
            if (reader.LocalName == "cellXfs")
            {
                inCellFormats = reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement;
            }
            else if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            else if (reader.LocalName == "numFmt"
                && int.TryParse(reader.GetAttribute("numFmtId", string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                custom[id] = ExcelDates.IsDateFormat(reader.GetAttribute("formatCode", string.Empty));
                if (custom.Count > MaxNumberFormats)
                {
                    throw Corrupt(null);
                }
            }
            else if (inCellFormats && reader.LocalName == "xf")
            {
                _ = int.TryParse(reader.GetAttribute("numFmtId", string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out var format);
                result.Add(custom.TryGetValue(format, out var isDate) ? isDate : ExcelDates.IsBuiltInDateFormat(format));
                if (result.Count > MaxCellFormats)
                {
                    throw Corrupt(null);
                }
            }
        }

        return [.. result];
    }

    private static SharedStringTable SharedStrings(SharedStringTablePart? part, PartReader parts, CellText text, long maxBytes)
    {
        var strings = new SharedStringTable(maxBytes);
        if (part is null)
        {
            return strings;
        }

        using var reader = parts.Open(part);
        while (Next(reader))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                ReadItem(reader, text, value: null);
                strings.Add(text);
            }
        }

        return strings;
    }

    /// <summary>
    /// The shared strings, held because cells refer to them by index. What they may take is bounded
    /// (<see cref="TeacherFileRules.MaxSharedStringBytes"/>), counting for each its characters (two bytes each) and
    /// what every entry costs besides: millions of empty entries weigh as much as a few long ones.
    /// </summary>
    private sealed class SharedStringTable(long maxBytes)
    {
        /// <summary>An entry's cost besides its characters: the string's header and length (24 bytes) and its slot in the list (8).</summary>
        private const int EntryBytes = 32;

        private readonly List<string> _strings = [];
        private long _bytes;

        public int Count => _strings.Count;

        public string this[int index] => _strings[index];

        public void Add(CellText text)
        {
            _bytes += EntryBytes + (2L * text.Length);
            if (_bytes > maxBytes)
            {
                throw new TeacherFileRejectedException(FileMeldingen.ExcelTeVeelTekst(maxBytes));
            }

            _strings.Add(text.ToString());
        }
    }
}
