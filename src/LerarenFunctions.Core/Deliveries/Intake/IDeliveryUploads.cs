namespace LerarenFunctions.Core.Deliveries;

/// <summary>A file written below a path in parts that nobody sees yet: no delivery until it is committed.</summary>
/// <param name="Path">The path below the uploads container it becomes when committed.</param>
/// <param name="Parts">The parts written, in order (the store's own names for them).</param>
/// <param name="Length">Size in bytes.</param>
public sealed record PendingUpload(string Path, IReadOnlyList<string> Parts, long Length);

/// <summary>
/// Writes files into the uploads, as a board's upload would: in two steps, so a file that turns out too large, or a
/// request that turns out to be a retry, leaves nothing a trigger or a listing can see.
/// </summary>
public interface IDeliveryUploads
{
    /// <summary>
    /// Writes <paramref name="content"/> to the end as a pending upload below <paramref name="path"/>; nothing is visible
    /// at the path yet. An exception of the stream (a limit) is passed on, and nothing becomes visible.
    /// </summary>
    Task<PendingUpload> StageAsync(string path, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the pending upload the file at its path, unless a file is there already; either way the file that is
    /// there now (its version gives the delivery id).
    /// </summary>
    Task<DeliveryFileInfo> CommitAsync(PendingUpload upload, CancellationToken cancellationToken);
}
