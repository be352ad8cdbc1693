using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using nietras.SeparatedValues;

namespace LerarenFunctions.Core.Files;

/// <summary>Reads a CSV teacher file with Sep, record by record, straight from the stream.</summary>
internal static class CsvTeacherFile
{
    /// <summary>
    /// The buffers of the decoder and of Sep. Small enough that what is read ahead stays far below
    /// <see cref="TeacherFileOptions.MaxRecordBytes"/>, large enough that a read is never a bottleneck.
    /// </summary>
    private const int ReadAhead = 16 * 1024;

    /// <summary>
    /// The rows after which the number of rows is estimated from the bytes read so far. By then the bytes read ahead
    /// are a few per cent of those read, and the duplicate index has not grown much yet.
    /// </summary>
    private const int EstimateAfterRows = 16 * 1024;

    private static readonly char[] Separators = [';', ',', '\t'];

    /// <summary>Checks every record; <paramref name="fileBytes"/> is the size of the file when known, otherwise 0.</summary>
    public static async Task ReadAsync(
        TeacherFileCheck check,
        ReadOnlyMemory<byte> head,
        SourceStream source,
        long fileBytes,
        int maxRecordBytes,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        var separator = DetectSeparator(head.Span);
        source.MaxRecordBytes = maxRecordBytes;
        using var text = DelimitedText.Open(head, source, ReadAhead);
        using var reader = await DelimitedText.ReadAsync(text, separator, ReadAhead, cancellationToken);

        var bounds = new ColumnBounds(separator);
        var estimated = false;
        await foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Excel shows every record as one row, an empty one too, with the header (or what precedes it) as row 1;
            // a CSV written from JSON counts the records after its header line from 1.
            var regel = check.Numbering == RowNumbering.Records ? row.RowIndex : row.RowIndex + 1;
            TeacherRecord? record;
            if (check.HasHeader)
            {
                record = bounds.TrySplit(row.Span, row.ColCount)
                    ? check.CheckRow(regel, new SplitFieldRow(row.Span, bounds))
                    : check.CheckRow(regel, new SepFieldRow(row));
            }
            else
            {
                record = null;
                if (!IsEmpty(row) && !check.SetHeader(Names(row)))
                {
                    return;
                }
            }

            source.MarkRecord(regel + 1);
            if (check.Rows == EstimateAfterRows && fileBytes > 0 && !estimated)
            {
                // Counting the read-ahead as read underestimates the rows a little; a tenth more covers that.
                estimated = true;
                check.ExpectRows(check.Rows * fileBytes / source.BytesRead * 11 / 10);
            }

            if (record is not null)
            {
                check.InCallback = true;
                await onValidRecord(record, cancellationToken);
                check.InCallback = false;
            }
        }
    }

    /// <summary>
    /// The separator that occurs most in the first non-empty line (outside quotes); on a tie the Dutch <c>;</c> wins.
    /// Looking at the header alone is enough: every later record must have the same number of fields.
    /// </summary>
    internal static char DetectSeparator(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var text = TeacherFileEncoding.Utf8With1252Fallback.GetString(head).AsSpan();
        foreach (var range in text.SplitAny('\r', '\n'))
        {
            var line = text[range];
            Span<int> counts = stackalloc int[Separators.Length];
            var quoted = false;
            var content = false;
            foreach (var c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                    content = true;
                }
                else if (!quoted && Array.IndexOf(Separators, c) is var i and >= 0)
                {
                    counts[i]++;
                }
                else if (!char.IsWhiteSpace(c))
                {
                    content = true;
                }
            }

            if (!content)
            {
                continue;
            }

            var best = 0;
            for (var i = 1; i < counts.Length; i++)
            {
                if (counts[i] > counts[best])
                {
                    best = i;
                }
            }

            return Separators[best];
        }

        return ';';
    }

    private static bool IsEmpty(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            if (!row[i].Span.Trim().IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Names(SepReader.Row row)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row[i].ToString();
        }

        return names;
    }

    private readonly ref struct SepFieldRow(SepReader.Row row) : IFieldRow
    {
        private readonly SepReader.Row _row = row;

        public int Count => _row.ColCount;

        // Sep trims spaces around and inside quotes; tabs and no-break spaces go here.
        public ReadOnlySpan<char> this[int index] => _row[index].Span.Trim();
    }

    /// <summary>
    /// A record without quotes, split on the separator. For such a record that gives exactly Sep's fields, trimmed and
    /// unescaped as <see cref="SepFieldRow"/> does: there is nothing to unescape, and trimming spaces and then all white
    /// space is trimming all white space. It is here because Sep's trimming and unescaping, done on every access to a
    /// field, cost more than the rest of the parsing, and nearly every record of a real file has no quotes.
    /// </summary>
    private readonly ref struct SplitFieldRow(ReadOnlySpan<char> text, ColumnBounds bounds) : IFieldRow
    {
        private readonly ReadOnlySpan<char> _text = text;
        private readonly int[] _starts = bounds.Starts;
        private readonly int[] _ends = bounds.Ends;

        public int Count { get; } = bounds.Count;

        // Asked for some twenty times per row from a check method too large for the inliner's own judgement; the
        // bounds are trimmed already.
        public ReadOnlySpan<char> this[int index]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _text[_starts[index].._ends[index]];
        }
    }

    /// <summary>Where the trimmed fields of the current record start and end; reused from record to record.</summary>
    private sealed class ColumnBounds(char separator)
    {
        public int[] Starts { get; private set; } = [];

        public int[] Ends { get; private set; } = [];

        public int Count { get; private set; }

        /// <summary>Splits a record that has no quote; false when it has one, or when the count differs from Sep's.</summary>
        public bool TrySplit(ReadOnlySpan<char> text, int colCount)
        {
            if (colCount < 1)
            {
                return false;
            }

            if (Starts.Length < colCount)
            {
                Starts = new int[colCount];
                Ends = new int[colCount];
            }

            // Locals, not the properties: this runs for every record, and the arrays stay in registers.
            var starts = Starts;
            var ends = Ends;

            // Eight characters at a time: a record is some 70 characters with a separator every few, and a search call
            // per field costs more than the parsing Sep did to find the record.
            var chars = MemoryMarshal.Cast<char, ushort>(text);
            var separators = Vector128.Create((ushort)separator);
            var quotes = Vector128.Create((ushort)'"');
            var count = 0;
            var start = 0;
            var at = 0;
            for (; at <= chars.Length - Vector128<ushort>.Count; at += Vector128<ushort>.Count)
            {
                var block = Vector128.Create(chars.Slice(at, Vector128<ushort>.Count));
                if (Vector128.EqualsAny(block, quotes))
                {
                    return false;
                }

                for (var found = Vector128.Equals(block, separators).ExtractMostSignificantBits(); found != 0; found &= found - 1)
                {
                    var end = at + BitOperations.TrailingZeroCount(found);
                    if (count == colCount - 1)
                    {
                        return false;
                    }

                    Add(text, starts, ends, count++, start, end);
                    start = end + 1;
                }
            }

            for (; at < chars.Length; at++)
            {
                if (chars[at] == '"')
                {
                    return false;
                }

                if (chars[at] == separator)
                {
                    if (count == colCount - 1)
                    {
                        return false;
                    }

                    Add(text, starts, ends, count++, start, at);
                    start = at + 1;
                }
            }

            Add(text, starts, ends, count++, start, text.Length);
            Count = count;
            return count == colCount;
        }

        // Trimmed here, once per field, rather than on every access to it.
        private static void Add(ReadOnlySpan<char> text, int[] starts, int[] ends, int field, int from, int to)
        {
            while (from < to && Spans.IsWhiteSpace(text[from]))
            {
                from++;
            }

            while (to > from && Spans.IsWhiteSpace(text[to - 1]))
            {
                to--;
            }

            starts[field] = from;
            ends[field] = to;
        }
    }
}
