using System.Security.Cryptography;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Computes the SHA-256 of a file as it is validated, so a CSV is read once instead of twice (once to recognise the same
/// content delivered again, once to validate it). The hash is only known when every byte was read once, in order, to
/// the end; a reader that seeks (XLSX) or stops early leaves it unknown, and the file is hashed in a pass of its own.
/// </summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _hashed;
    private bool _outOfOrder;
    private bool _atEnd;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set
        {
            _outOfOrder |= value != _hashed;
            inner.Position = value;
        }
    }

    /// <summary>The hash (hex) when the whole file was read once in order; otherwise null.</summary>
    public string? Hash => !_outOfOrder && _atEnd ? Convert.ToHexStringLower(_hash.GetCurrentHash()) : null;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Append(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Append(buffer.Span[..read]);
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = inner.Seek(offset, origin);
        _outOfOrder |= position != _hashed;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The caller owns the file's stream; only the hash is this wrapper's.
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            _atEnd = true;
            return;
        }

        _outOfOrder |= inner.CanSeek && inner.Position - bytes.Length != _hashed;
        _hash.AppendData(bytes);
        _hashed += bytes.Length;
    }
}
