using LerarenFunctions.Core.Deliveries;
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

    private static readonly char[] Separators = [';', ',', '\t'];

    public static async Task ReadAsync(
        TeacherFileCheck check,
        ReadOnlyMemory<byte> head,
        SourceStream source,
        int maxRecordBytes,
        Func<TeacherRecord, CancellationToken, ValueTask> onValidRecord,
        CancellationToken cancellationToken)
    {
        var separator = DetectSeparator(head.Span);
        source.MaxRecordBytes = maxRecordBytes;
        using var text = new StreamReader(
            new ReplayStream(head, source), TeacherFileEncoding.Utf8With1252Fallback, detectEncodingFromByteOrderMarks: false, bufferSize: ReadAhead, leaveOpen: true);
        using var reader = await Sep
            .Reader(o => o with
            {
                Sep = new Sep(separator),
                HasHeader = false,
                Unescape = true,
                Trim = SepTrim.All,
                DisableColCountCheck = true,
                InitialBufferLength = ReadAhead,
            })
            .FromAsync(text, cancellationToken);

        await foreach (var row in reader)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Excel shows every record as one row, an empty one too, with the header (or what precedes it) as row 1.
            var regel = row.RowIndex + 1;
            TeacherRecord? record;
            if (check.HasHeader)
            {
                record = check.CheckRow(regel, new SepFieldRow(row));
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
}
