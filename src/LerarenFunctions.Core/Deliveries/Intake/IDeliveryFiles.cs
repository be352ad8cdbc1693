using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>What Core needs to know of a delivered file before it reads it.</summary>
/// <param name="Path">The path below the uploads container, exactly as stored.</param>
/// <param name="Version">A value that changes whenever the file is replaced (the blob's ETag).</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="LastModified">When it was uploaded (or last replaced).</param>
public sealed record DeliveryFileInfo(string Path, string Version, long Length, DateTimeOffset LastModified);

/// <summary>One page of a walk through the uploads; <paramref name="Continuation"/> is null after the last page.</summary>
public sealed record UploadPage(IReadOnlyList<DeliveryFileInfo> Files, string? Continuation);

/// <summary>The file changed or went while it was read: it can no longer be read as the version its delivery is for.</summary>
public sealed class DeliveryFileChangedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The files boards deliver (the uploads container). Read only.</summary>
public interface IDeliveryFiles
{
    /// <summary>Returns null when the file is gone.</summary>
    Task<DeliveryFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the uploads (a few thousand at most), from <paramref name="continuation"/> (null: the start). A walk
    /// over all uploads is spread over many pages, so one call costs one request however many files there are.
    /// </summary>
    Task<UploadPage> ListUploadsAsync(string? continuation, CancellationToken cancellationToken);

    /// <summary>The files in a board's folder (its trials included).</summary>
    IAsyncEnumerable<DeliveryFileInfo> ListBoardUploadsAsync(Bestuursnummer bestuursnummer, CancellationToken cancellationToken);

    /// <summary>Reads the file as the version in <paramref name="file"/>.</summary>
    /// <exception cref="DeliveryFileChangedException">The file was replaced or removed, now or while it is read.</exception>
    Task<Stream> OpenReadAsync(DeliveryFileInfo file, CancellationToken cancellationToken);

    /// <summary>SHA-256 of the file's bytes (hex), to recognise the same content delivered again.</summary>
    /// <exception cref="DeliveryFileChangedException">The file was replaced or removed while it was read.</exception>
    Task<string> ComputeContentHashAsync(DeliveryFileInfo file, CancellationToken cancellationToken);
}
