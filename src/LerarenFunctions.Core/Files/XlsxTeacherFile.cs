using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

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
/// <item>styles and rows: <see cref="MaxCellFormats"/>, <see cref="MaxNumberFormats"/>, and <see cref="MaxColumns"/> cells a row.</item>
/// </list>
/// A file past one of these is rejected at once as BESTAND_ONLEESBAAR: never an out-of-memory, which the trigger would retry.
/// </summary>
internal static class XlsxTeacherFile
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

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

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
        var cells = new CellRow();
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
                cells.Clear();
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
    }

    /// <summary>
    /// Checks what the zip says of itself before the Open XML SDK opens it: the SDK holds an object for every entry,
    /// and reads the package's own XML (content types and relationships) whole. What an entry can unpack to is its
    /// declared size, or for a stored entry its packed size (the zip reader stops there), so these bound it.
    /// </summary>
    private static void CheckDeclaredSizes(Stream zip, long maxBytes)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > MaxZipEntries)
            {
                throw new TeacherFileRejectedException(FileMeldingen.ExcelTeVeelOnderdelen());
            }

            long total = 0, packageXml = 0;
            foreach (var entry in archive.Entries)
            {
                var size = Math.Max(entry.Length, entry.CompressedLength);
                total += size;
                if (total > maxBytes)
                {
                    throw new TeacherFileRejectedException(FileMeldingen.ExcelTeGroot(maxBytes));
                }

                packageXml += IsPackageXml(entry.FullName) ? size : 0;
                if (packageXml > MaxPackageXmlBytes)
                {
                    throw new TeacherFileRejectedException(FileMeldingen.ExcelTeVeelOnderdelen());
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    /// <summary>The parts the SDK reads itself when it opens the package: the content types and every relationship part.</summary>
    private static bool IsPackageXml(string name) =>
        name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase) || name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase);

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

    private static void ReadCell(XmlReader reader, CellRow cells, CellTexts texts, SharedStringTable sharedStrings, bool[] dateStyles, bool date1904)
    {
        string? reference = null, type = null, style = null;
        while (reader.MoveToNextAttribute())
        {
            switch (reader.LocalName)
            {
                case "r":
                    reference = reader.Value;
                    break;
                case "t":
                    type = reader.Value;
                    break;
                case "s":
                    style = reader.Value;
                    break;
            }
        }

        reader.MoveToElement();
        var (hasText, hasValue) = ReadItem(reader, texts.Text, texts.Value);
        var value = texts.Value.Span;
        var text = type switch
        {
            "inlineStr" => hasText ? texts.Text.ToString() : null,
            _ when !hasValue => null,
            "s" => SharedString(sharedStrings, value),
            "d" => IsoDate(value),
            "str" or "e" or "b" => value.ToString(),
            _ => Number(value, style, dateStyles, date1904),
        };
        cells.Set(ColumnIndex(reference, cells.NextColumn), text);
    }

    /// <summary>
    /// Reads the cell or shared string item the reader is on, to its end. The text of its <c>t</c> elements goes into
    /// <paramref name="text"/>, leaving out phonetic runs (<c>rPh</c>: a Japanese reading, no part of the text); the
    /// text of its <c>v</c> element, when asked for, into <paramref name="value"/>.
    /// </summary>
    private static (bool HasText, bool HasValue) ReadItem(XmlReader reader, CellText text, CellText? value)
    {
        text.Clear();
        value?.Clear();
        bool hasText = false, hasValue = false;
        if (reader.IsEmptyElement)
        {
            return (hasText, hasValue);
        }

        var depth = reader.Depth;
        var phonetic = 0;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "rPh")
            {
                phonetic--;
            }
            else if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            else if (reader.LocalName == "rPh" && !reader.IsEmptyElement)
            {
                phonetic++;
            }
            else if (reader.LocalName == "t" && phonetic == 0)
            {
                hasText = true;
                AppendContent(reader, text);
            }
            else if (reader.LocalName == "v" && value is not null)
            {
                hasValue = true;
                value.Clear();
                AppendContent(reader, value);
            }
        }

        return (hasText, hasValue);
    }

    /// <summary>Appends the text in the element the reader is on (<c>t</c> or <c>v</c>), and leaves the reader on its end.</summary>
    private static void AppendContent(XmlReader reader, CellText text)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        while (Next(reader) && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader);
            }
        }
    }

    /// <summary>
    /// Moves to the next node. Nesting deeper than <see cref="MaxDepth"/> makes the file corrupt: every open element
    /// costs the reader a node. Every read of a part goes through here.
    /// </summary>
    private static bool Next(XmlReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.Depth > MaxDepth)
        {
            throw Corrupt(null);
        }

        return true;
    }

    private static string SharedString(SharedStringTable sharedStrings, ReadOnlySpan<char> value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count
            ? sharedStrings[index]
            : throw Corrupt(null);

    private static string IsoDate(ReadOnlySpan<char> value) =>
        value.Length >= 10 && DutchDate.TryParse(value[..10], out var date) ? DutchDate.ToIsoString(date) : value.ToString();

    private static string Number(ReadOnlySpan<char> value, string? style, bool[] dateStyles, bool date1904)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return value.ToString();
        }

        if (int.TryParse(style, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s < dateStyles.Length && dateStyles[s]
            && ExcelDates.TryFromSerial(number, date1904, out var date))
        {
            return DutchDate.ToIsoString(date);
        }

        // A number typed into Excel comes back as 123456782 or 1.2E+8; the board typed the digits.
        return number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : value.ToString();
    }

    private static int ColumnIndex(string? reference, int next)
    {
        var index = 0;
        foreach (var c in reference.AsSpan())
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

        // A cell without a reference follows the one before it, and may not run past the last column either.
        var column = index == 0 ? next : index - 1;
        return column < MaxColumns ? column : throw Corrupt(null);
    }

    private static TeacherFileRejectedException Corrupt(Exception? cause) => new(FileMeldingen.ExcelBeschadigd(), cause);

    /// <summary>Opens the parts of one file with the same bounds, against one unpack budget.</summary>
    private sealed class PartReader(UnpackBudget budget, long maxCharacters)
    {
        private readonly XmlReaderSettings _settings = new()
        {
            // No DTD: no entity expansion (billion laughs), nothing fetched from elsewhere.
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,

            // Comments and processing instructions are skipped in chunks, never held.
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,

            // A character takes at least one byte, so the unpack budget bounds this already; said to the reader too.
            MaxCharactersInDocument = maxCharacters,
            CloseInput = true,
        };

        public XmlReader Open(OpenXmlPart part)
        {
            // Each wrapper owns the one inside it; disposing the reader closes them all, down to the part's stream.
            return XmlReader.Create(new TagGuard(budget.Wrap(part.GetStream(FileMode.Open, FileAccess.Read))), _settings);
        }
    }

    /// <summary>
    /// Hands a part's characters to the XML reader, and stops a run of more than <see cref="MaxTagCharacters"/> from
    /// one <c>&lt;</c> to the next, or in one CDATA section. The reader holds a tag with its attributes whole in its
    /// buffer, and a CDATA section as one string, so one endless attribute would otherwise cost as much memory as the
    /// part has characters. No <c>&lt;</c> can stand inside a tag (XML forbids it in an attribute value), so counting
    /// from one to the next bounds every tag without following quotes; only a CDATA section may hold <c>&lt;</c>, so its
    /// end (<c>]]&gt;</c>) is looked for. Comments and processing instructions may hold <c>&lt;</c> too, but the reader
    /// skips those in chunks. Whether the markup is well-formed is the reader's business.
    /// </summary>
    internal sealed class TagGuard : TextReader
    {
        /// <summary>Open Packaging Conventions: an XML part is UTF-8, or UTF-16 with a byte order mark.</summary>
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private const string CDataStart = "![CDATA[";

        private readonly StreamReader _inner;
        private State _state;

        /// <summary>Characters since the last <c>&lt;</c> (in a CDATA section: since its start).</summary>
        private int _length;

        /// <summary>How much of <see cref="CDataStart"/> followed the last <c>&lt;</c>.</summary>
        private int _matched;

        /// <summary>How many <c>]</c> the characters read so far in a CDATA section end with.</summary>
        private int _brackets;

        /// <summary>Reads <paramref name="part"/>, and closes it when disposed.</summary>
        public TagGuard(Stream part)
        {
            _inner = new StreamReader(part, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 16_384);
        }

        private enum State
        {
            Outside,
            AfterOpen,
            CData,
        }

        public override int Peek() => _inner.Peek();

        public override int Read()
        {
            var c = _inner.Read();
            if (c >= 0)
            {
                Scan([(char)c]);
            }

            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var read = _inner.Read(buffer);
            Scan(buffer[..read]);
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Scan(ReadOnlySpan<char> chars)
        {
            while (!chars.IsEmpty)
            {
                chars = _state switch
                {
                    State.AfterOpen => MatchCDataStart(chars),
                    State.CData => InCData(chars),
                    _ => ToNextOpen(chars),
                };
            }
        }

        private ReadOnlySpan<char> ToNextOpen(ReadOnlySpan<char> chars)
        {
            var open = chars.IndexOf('<');
            if (open < 0)
            {
                Count(chars.Length);
                return default;
            }

            Count(open);
            _length = 1;
            _matched = 0;
            _state = State.AfterOpen;
            return chars[(open + 1)..];
        }

        private ReadOnlySpan<char> MatchCDataStart(ReadOnlySpan<char> chars)
        {
            if (chars[0] != CDataStart[_matched])
            {
                _state = State.Outside;
                return chars;
            }

            Count(1);
            if (++_matched == CDataStart.Length)
            {
                _brackets = 0;
                _state = State.CData;
            }

            return chars[1..];
        }

        private ReadOnlySpan<char> InCData(ReadOnlySpan<char> chars)
        {
            var close = chars.IndexOf('>');
            if (close < 0)
            {
                _brackets = Brackets(chars);
                Count(chars.Length);
                return default;
            }

            var ends = Brackets(chars[..close]) >= 2;
            Count(close + 1);
            _brackets = 0;
            if (ends)
            {
                _length = 0;
                _state = State.Outside;
            }

            return chars[(close + 1)..];
        }

        /// <summary>The <c>]</c> that the CDATA read so far ends with, once <paramref name="chars"/> are added.</summary>
        private int Brackets(ReadOnlySpan<char> chars)
        {
            var trailing = chars.Length - chars.TrimEnd(']').Length;
            return trailing == chars.Length ? _brackets + trailing : trailing;
        }

        private void Count(int characters)
        {
            _length += characters;
            if (_length > MaxTagCharacters)
            {
                throw Corrupt(null);
            }
        }
    }

    /// <summary>
    /// The text of one cell or shared string, gathered in a buffer of Excel's cell limit. Text nodes are read in
    /// chunks, so a longer text is rejected after <see cref="MaxCellCharacters"/> characters without ever being held.
    /// </summary>
    private sealed class CellText
    {
        // Two more than the limit: a longer text shows, and a chunk always has room for a surrogate pair.
        private readonly char[] _chars = new char[MaxCellCharacters + 2];

        public int Length { get; private set; }

        public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

        public void Clear() => Length = 0;

        /// <summary>Appends the value of the text node the reader is on.</summary>
        public void Append(XmlReader reader)
        {
            int read;
            while ((read = reader.ReadValueChunk(_chars, Length, _chars.Length - Length)) > 0)
            {
                Length += read;
                if (Length > MaxCellCharacters)
                {
                    throw Corrupt(null);
                }
            }
        }

        public override string ToString() => Length == 0 ? string.Empty : new string(_chars, 0, Length);
    }

    /// <summary>The two buffers a cell needs, made once per file: its text (inline string) and its value.</summary>
    private sealed class CellTexts
    {
        public CellText Text { get; } = new();

        public CellText Value { get; } = new();
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

    /// <summary>The cells of one row by column; only the columns the header has are kept.</summary>
    private sealed class CellRow
    {
        private string?[] _values = new string?[32];
        private int _cells;

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
            _cells = 0;
            BeyondLimit.Clear();
        }

        public void Set(int column, string? value)
        {
            // A row has at most one cell per column; more is corrupt, and would grow BeyondLimit without end.
            if (++_cells > MaxColumns)
            {
                throw Corrupt(null);
            }

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
