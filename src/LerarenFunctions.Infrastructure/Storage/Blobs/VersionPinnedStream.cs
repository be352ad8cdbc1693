using Azure;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Infrastructure.Storage.Blobs;

/// <summary>
/// A blob stream read as one version: when the blob is replaced (412) or removed (404) while it is read, the read
/// fails with <see cref="DeliveryFileChangedException"/>, which Core understands, instead of a storage exception.
/// </summary>
internal sealed class VersionPinnedStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public static bool IsChanged(RequestFailedException ex) => ex.Status is 404 or 412;

    public static DeliveryFileChangedException Changed(RequestFailedException ex) =>
        new("The file was replaced or removed while it was read.", ex);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (RequestFailedException ex) when (IsChanged(ex))
        {
            throw Changed(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsChanged(ex))
        {
            throw Changed(ex);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
