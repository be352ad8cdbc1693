using System.Globalization;
using System.Xml;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Files;

// Cells: one cell's value (shared string, date, number), and the row of cells handed to the check.
internal static partial class XlsxTeacherFile
{
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
        var column = ColumnIndex(reference, cells.NextColumn);
        var value = texts.Value.Span;
        if (!cells.Reads(column))
        {
            // Only whether the cell has a value counts here, and a text never made a string costs no memory. The
            // buffers are empty when the cell has no text or value; a number or date is blank only when its value is.
            cells.SetUnread(column, type switch
            {
                "inlineStr" => texts.Text.Span,
                "s" when hasValue => SharedString(sharedStrings, value),
                _ => value,
            });
            return;
        }

        var text = type switch
        {
            "inlineStr" => hasText ? texts.Text.ToString() : null,
            _ when !hasValue => null,
            "s" => SharedString(sharedStrings, value),
            "d" => IsoDate(value),
            "str" or "e" or "b" => value.ToString(),
            _ => Number(value, style, dateStyles, date1904),
        };
        cells.Set(column, text);
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

    /// <summary>The two buffers a cell needs, made once per file: its text (inline string) and its value.</summary>
    private sealed class CellTexts
    {
        public CellText Text { get; } = new();

        public CellText Value { get; } = new();
    }

    /// <summary>
    /// The cells of one row by column. Before the header every text is kept (they are its names); after it only the
    /// texts of the columns the header maps, and of the other columns only whether they have a value. A row's text
    /// counts against <paramref name="maxCharacters"/> as a CSV record's bytes do, kept or not: with Excel's 16,384
    /// columns of 32,767 characters one row could otherwise hold a gigabyte.
    /// </summary>
    private sealed class CellRow(int maxCharacters)
    {
        // Stands for the value of a column the rules never read: it makes the row non-empty, as it would in a CSV.
        private const string Unread = "*";

        private string?[] _values = new string?[32];
        private bool[]? _read;
        private int _cells;
        private int _characters;
        private int _row;

        /// <summary>One past the last column that has a value.</summary>
        public int Width { get; private set; }

        /// <summary>The columns past <see cref="Limit"/> that have a value in this row.</summary>
        public List<int> BeyondLimit { get; } = [];

        public int NextColumn { get; private set; }

        /// <summary>Columns past this are only counted, never stored (the header's width once it is known).</summary>
        public int Limit { get; private set; } = MaxColumns;

        /// <summary>From now on rows are data: <paramref name="read"/> says, per column of the header, whether the rules read it.</summary>
        public void UseHeader(bool[] read)
        {
            _read = read;
            Limit = read.Length;
        }

        /// <summary>Whether the text of <paramref name="column"/> is needed, or only whether it has one.</summary>
        public bool Reads(int column) => _read is null || (column < _read.Length && _read[column]);

        /// <summary>Row <paramref name="row"/> (as Excel numbers it) starts: no cells yet.</summary>
        public void Start(int row)
        {
            Array.Clear(_values, 0, Math.Min(_values.Length, Math.Max(Width, NextColumn)));
            Width = 0;
            NextColumn = 0;
            _cells = 0;
            _characters = 0;
            _row = row;
            BeyondLimit.Clear();
        }

        public void Set(int column, string? value)
        {
            if (Count(column, value))
            {
                Store(column, value!);
            }
        }

        /// <summary>A cell of a column the rules do not read (<see cref="Reads"/> is false).</summary>
        public void SetUnread(int column, ReadOnlySpan<char> text)
        {
            if (Count(column, text))
            {
                Store(column, Unread);
            }
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

        private void Store(int column, string value)
        {
            if (column >= _values.Length)
            {
                Array.Resize(ref _values, Math.Max(column + 1, _values.Length * 2));
            }

            _values[column] = value;
        }

        /// <summary>Counts the cell against the row's bounds; true when it has a value to store.</summary>
        private bool Count(int column, ReadOnlySpan<char> text)
        {
            // A row has at most one cell per column; more is corrupt, and would grow BeyondLimit without end.
            if (++_cells > MaxColumns)
            {
                throw Corrupt(null);
            }

            _characters += text.Length;
            if (_characters > maxCharacters)
            {
                throw new TeacherFileRejectedException(FileMeldingen.ExcelRegelTeLang(_row, maxCharacters));
            }

            NextColumn = column + 1;
            if (text.IsWhiteSpace())
            {
                return false;
            }

            Width = Math.Max(Width, column + 1);
            if (column >= Limit)
            {
                BeyondLimit.Add(column);
                return false;
            }

            return true;
        }
    }

    /// <summary>Always as wide as the header: missing cells are empty fields, never a different field count.</summary>
    private readonly struct FieldRow(string?[] values, int count) : IFieldRow
    {
        public int Count => count;

        public ReadOnlySpan<char> this[int index] => index < values.Length ? values[index].AsSpan().Trim() : default;
    }
}
