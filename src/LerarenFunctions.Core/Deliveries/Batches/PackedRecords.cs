using System.IO.Compression;
using System.Text.Json;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The records of one batch as compact bytes (JSON, Brotli-compressed). The same bytes are stored with the batch and,
/// when they fit, carried in the batch's queue message, so forwarding a batch costs no storage read: with a hundred
/// records per batch every storage request saved per batch is a hundredth of a request per record.
/// </summary>
public sealed class PackedRecords
{
    /// <summary>
    /// The most packed bytes a queue message carries. A message holds 64 KB after the queue's base64, and the bytes are
    /// base64 inside the JSON too: 32 KB of bytes become about 57 KB on the queue, with room for the rest of the claim.
    /// </summary>
    public const int MaxBytesInMessage = 32 * 1024;

    private readonly byte[] _bytes;

    private PackedRecords(byte[] bytes, int count)
    {
        _bytes = bytes;
        Count = count;
    }

    /// <summary>How many records; known when packed here, -1 when read back from bytes.</summary>
    public int Count { get; }

    public ReadOnlyMemory<byte> Bytes => _bytes;

    public bool FitsInMessage => _bytes.Length <= MaxBytesInMessage;

    public static PackedRecords Pack(IReadOnlyList<TeacherRecord> records)
    {
        var json = new MemoryStream();
        Span<char> bsn = stackalloc char[9];
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var record in records)
            {
                writer.WriteStartObject();
                writer.WriteNumber("r", record.Row);
                record.Bsn.TryFormat(bsn, out var length);
                writer.WriteString("bsn", bsn[..length]);
                writer.WriteString("brin", record.Brin.Value);
                writer.WriteStartObject("v");
                foreach (var (name, value) in record.Fields)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return new PackedRecords(CompactBytes.Compress(json.GetBuffer().AsSpan(0, (int)json.Length)), records.Count);
    }

    /// <summary>Wraps bytes made by <see cref="Pack"/>; they are checked when unpacked.</summary>
    public static PackedRecords FromBytes(byte[] bytes) => new(bytes, -1);

    /// <exception cref="InvalidDataException">The bytes are not packed records (storage edited by hand, a foreign message).</exception>
    public IReadOnlyList<TeacherRecord> Unpack()
    {
        try
        {
            using var document = JsonDocument.Parse(CompactBytes.Decompress(_bytes));
            var records = new List<TeacherRecord>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (!Bsn.TryParse(element.GetProperty("bsn").GetString(), out var bsn) || !Brin.TryParse(element.GetProperty("brin").GetString(), out var brin))
                {
                    throw new InvalidDataException("A packed record holds an invalid BSN or BRIN.");
                }

                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var field in element.GetProperty("v").EnumerateObject())
                {
                    fields[field.Name] = field.Value.GetString() ?? string.Empty;
                }

                records.Add(new TeacherRecord(element.GetProperty("r").GetInt32(), bsn, brin, fields));
            }

            return records;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidDataException("The packed records cannot be read.", ex);
        }
    }
}

/// <summary>Brotli at its fastest setting: batches are packed while a file is read, so speed matters more than the last percent.</summary>
public static class CompactBytes
{
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream(data.Length / 3 + 64);
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not Brotli data.</exception>
    public static byte[] Decompress(byte[] data)
    {
        try
        {
            using var input = new MemoryStream(data, writable: false);
            using var brotli = new BrotliStream(input, CompressionMode.Decompress);
            var output = new MemoryStream(data.Length * 4);
            brotli.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception ex) when (ex is not InvalidDataException and (IOException or InvalidOperationException))
        {
            throw new InvalidDataException("The compressed data cannot be read.", ex);
        }
    }
}
