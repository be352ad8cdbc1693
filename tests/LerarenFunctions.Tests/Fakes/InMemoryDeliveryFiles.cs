using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Fakes;

/// <summary>The uploads container in memory: a new version on every upload, reads pinned to a version.</summary>
public sealed class InMemoryDeliveryFiles(TimeProvider time) : IDeliveryFiles, IDeliveryUploads
{
    private readonly ConcurrentDictionary<string, (byte[] Content, DeliveryFileInfo Info)> _files = new();
    private readonly ConcurrentDictionary<string, byte[]> _staged = new();

    /// <summary>Uploads per listing page, small so tests can walk several pages.</summary>
    public int PageSize { get; set; } = 5000;

    /// <summary>Called after this many bytes of a read, to replace or remove the file in the middle of it.</summary>
    public (int AfterBytes, Action Change)? WhileReading { get; set; }

    /// <summary>Hash passes over the files so far.</summary>
    public int HashPasses { get; private set; }

    /// <summary>Uploads or replaces a file; its last-modified time has whole seconds, as blob storage keeps it.</summary>
    public DeliveryFileInfo Upload(string path, byte[] content)
    {
        var now = time.GetUtcNow();
        var lastModified = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var info = new DeliveryFileInfo(path, Versions.Next(), content.Length, lastModified);
        _files[path] = (content, info);
        return info;
    }

    public void Remove(string path) => _files.TryRemove(path, out _);

    public async Task<PendingUpload> StageAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var part = Versions.Next();
        _staged[part] = buffer.ToArray();
        return new PendingUpload(path, [part], buffer.Length);
    }

    public Task<DeliveryFileInfo> CommitAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        var content = _staged.TryRemove(upload.Parts[0], out var bytes) ? bytes : [];
        return Task.FromResult(_files.TryGetValue(upload.Path, out var existing) ? existing.Info : Upload(upload.Path, content));
    }

    public Task<DeliveryFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(path, out var file) ? file.Info : null);

    public Task<UploadPage> ListUploadsAsync(string? continuation, CancellationToken cancellationToken)
    {
        var all = _files.Values.Select(f => f.Info).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var start = continuation is null ? 0 : int.Parse(continuation, System.Globalization.CultureInfo.InvariantCulture);
        var page = all.Skip(start).Take(PageSize).ToList();
        var next = start + page.Count < all.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new UploadPage(page, next));
    }

    public async IAsyncEnumerable<DeliveryFileInfo> ListBoardUploadsAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var file in _files.Values.Where(f => f.Info.Path.StartsWith(bestuursnummer.Value + "/", StringComparison.Ordinal)))
        {
            yield return file.Info;
        }
    }

    public Task<Stream> OpenReadAsync(DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        if (!_files.TryGetValue(file.Path, out var stored) || stored.Info.Version != file.Version)
        {
            throw new DeliveryFileChangedException("The file was replaced or removed.");
        }

        return Task.FromResult<Stream>(new PinnedStream(stored.Content, () => _files.TryGetValue(file.Path, out var now) && now.Info.Version == file.Version, WhileReading));
    }

    public async Task<string> ComputeContentHashAsync(DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        HashPasses++;
        await using var stream = await OpenReadAsync(file, cancellationToken);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Reads the content as long as the file is still the version read; changes it at a set point if asked.</summary>
    private sealed class PinnedStream(byte[] content, Func<bool> unchanged, (int AfterBytes, Action Change)? whileReading) : Stream
    {
        private bool _changed;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => content.Length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!_changed && whileReading is { } change && Position >= change.AfterBytes)
            {
                _changed = true;
                change.Change();
            }

            if (!unchanged())
            {
                throw new DeliveryFileChangedException("The file was replaced or removed while it was read.");
            }

            var count = (int)Math.Clamp(content.Length - Position, 0, buffer.Length);
            content.AsSpan((int)Position, count).CopyTo(buffer);
            Position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => content.Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
