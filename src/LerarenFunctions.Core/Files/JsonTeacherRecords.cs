using System.Globalization;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// A delivery as JSON (<c>{"leraren": [ {kolom: waarde, ...}, ... ]}</c>, the file's column names as properties, text
/// values) turned into the CSV a board could have uploaded: the contract's columns in their order, then every unknown
/// property as a column of its own, so the validator warns about it as about an unknown column of a file. A missing
/// property, and <c>null</c>, is an empty field. The body is read as a stream, once: at most
/// <see cref="TeacherFileOptions.MaxRows"/> records (the next one is refused as it starts), each token at most
/// <see cref="TeacherFileOptions.MaxRecordBytes"/>. The records go to a temporary file first, because the header needs
/// every property name; nothing of the body is held in memory beyond one token.
/// </summary>
internal static partial class JsonTeacherRecords
{
    /// <summary>The one property of the body: the list of teachers.</summary>
    public const string RecordsProperty = "leraren";

    /// <summary>More unknown names than the validator warns about add nothing to the report.</summary>
    private const int MaxUnknownNames = 25;

    private const int FirstBufferBytes = 16 * 1024;

    private static readonly Dictionary<string, int> ColumnsByName = TeacherFileColumns.All
        .Select((name, i) => (name, i))
        .ToDictionary(c => c.name, c => c.i, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <paramref name="json"/> to its end and returns the CSV (UTF-8, <c>;</c>, a header line, then one record
    /// per teacher in the order of <c>leraren</c>) as a temporary file, positioned at its start and deleted when disposed.
    /// </summary>
    /// <exception cref="JsonDeliveryException">The body is refused; nothing is left behind.</exception>
    public static async Task<Stream> ToCsvAsync(Stream json, int maxRecords, int maxTokenBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        await using var records = TempFile();
        Parser parser;
        using (var output = new BinaryWriter(records, Encoding.UTF8, leaveOpen: true))
        {
            parser = new Parser(output, maxRecords);
            await ParseAsync(json, parser, maxTokenBytes, cancellationToken);
        }

        records.Position = 0;
        FileStream? csv = null;
        try
        {
            csv = TempFile();
            using (var input = new BinaryReader(records, Encoding.UTF8, leaveOpen: true))
            {
                WriteCsv(input, parser.Records, parser.UnknownNames, csv);
            }

            csv.Position = 0;
            var written = csv;
            csv = null;
            return written;
        }
        finally
        {
            csv?.Dispose();
        }
    }

    private static async Task ParseAsync(Stream json, Parser parser, int maxTokenBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(FirstBufferBytes, maxTokenBytes)];
        var filled = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 16 });
        while (!final)
        {
            if (filled == buffer.Length)
            {
                // One token fills the buffer: a value (or a run of white space) this long is no teacher's.
                if (buffer.Length >= maxTokenBytes)
                {
                    throw Invalid(string.Create(CultureInfo.InvariantCulture,
                        $"Leraar {parser.Current} in '{RecordsProperty}' heeft een waarde of naam langer dan {maxTokenBytes} bytes."));
                }

                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxTokenBytes));
            }

            var read = await json.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            filled += read;
            final = read == 0;
            var consumed = Feed(buffer.AsSpan(0, filled), final, ref state, parser);
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }

        parser.Finish();
    }

    private static int Feed(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, Parser parser)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (reader.Read())
            {
                parser.Token(ref reader);
            }
        }
        catch (JsonException ex)
        {
            // Never the exception's message: it may quote the body.
            throw Invalid(string.Create(CultureInfo.InvariantCulture,
                $"De body is geen geldige JSON (regel {(ex.LineNumber ?? 0) + 1}, positie {(ex.BytePositionInLine ?? 0) + 1})."));
        }
        catch (InvalidOperationException)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture,
                $"Leraar {parser.Current} in '{RecordsProperty}' heeft een naam of waarde die geen geldige UTF-8-tekst is."));
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private static void WriteCsv(BinaryReader records, int count, IReadOnlyList<string> unknown, Stream csv)
    {
        var columns = TeacherFileColumns.All.Count;
        using var text = new StreamWriter(csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        using (var writer = Sep.New(';').Writer(o => o with { Escape = true }).To(text))
        {
            string[] header = [.. TeacherFileColumns.All, .. unknown];
            writer.Header.Add(header);
            if (count == 0)
            {
                writer.Header.Write();
            }

            for (var r = 0; r < count; r++)
            {
                using var row = writer.NewRow();
                for (var c = 0; c < columns; c++)
                {
                    row[header[c]].Set(records.ReadString());
                }

                for (var c = columns; c < header.Length; c++)
                {
                    row[header[c]].Set(string.Empty);
                }
            }
        }

        text.Flush();
    }

    private static FileStream TempFile() => new(
        Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()),
        FileMode.CreateNew,
        FileAccess.ReadWrite,
        FileShare.None,
        64 * 1024,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private static JsonDeliveryException Invalid(string detail) => new(JsonDeliveryProblem.Invalid, detail);
}
