using System.Runtime.CompilerServices;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Infrastructure.Storage;

public sealed partial class BlobDeliveryFiles
{
    public async IAsyncEnumerable<UploadedFile> ListUploadsAsync(
        DateTimeOffset modifiedFrom,
        DateTimeOffset modifiedUntil,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The listing cannot filter on time: every blob is listed (5,000 per request) and filtered here. The
        // lifecycle rule keeps the container to a month of uploads.
        await foreach (var blob in _uploads.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (blob.Properties.LastModified is not { } modified || modified < modifiedFrom || modified > modifiedUntil)
            {
                continue;
            }

            yield return new UploadedFile(
                new DeliveryFileInfo(blob.Name, QuotedETag(blob.Properties.ETag?.ToString()), blob.Properties.ContentLength ?? 0),
                modified);
        }
    }

    /// <summary>
    /// A listing gives the ETag without the quotes that the blob's own ETag header has. The version must be the
    /// same string either way, or a listed file would map to another delivery id than its trigger run.
    /// </summary>
    private static string QuotedETag(string? etag) =>
        etag is null or "" ? string.Empty : etag.StartsWith('"') ? etag : $"\"{etag}\"";
}
