using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Infrastructure.Storage.Blobs;

/// <summary>The uploads container, read only.</summary>
public sealed class BlobDeliveryFiles(StorageClients clients) : IDeliveryFiles
{
    /// <summary>The most a listing returns per request; a page of the walk over all uploads.</summary>
    private const int PageSize = 5000;

    private readonly BlobContainerClient _uploads = clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);

    public async Task<DeliveryFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties properties = await _uploads.GetBlobClient(path).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new DeliveryFileInfo(path, properties.ETag.ToString(), properties.ContentLength, properties.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<UploadPage> ListUploadsAsync(string? continuation, CancellationToken cancellationToken)
    {
        await foreach (var page in _uploads.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(continuation, PageSize))
        {
            return new UploadPage([.. page.Values.Select(Info)], string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new UploadPage([], null);
    }

    public async IAsyncEnumerable<DeliveryFileInfo> ListBoardUploadsAsync(Bestuursnummer bestuursnummer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var blob in _uploads.GetBlobsAsync(BlobTraits.None, BlobStates.None, bestuursnummer.Value + "/", cancellationToken))
        {
            yield return Info(blob);
        }
    }

    public async Task<Stream> OpenReadAsync(DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            // Pinned to the version the delivery id was derived from: a file replaced while it is read fails the
            // read instead of mixing two versions; the new version gets its own trigger and delivery.
            var stream = await _uploads.GetBlobClient(file.Path).OpenReadAsync(
                new BlobOpenReadOptions(allowModifications: false)
                {
                    Conditions = new BlobRequestConditions { IfMatch = new ETag(file.Version) },
                },
                cancellationToken);
            return new VersionPinnedStream(stream);
        }
        catch (RequestFailedException ex) when (VersionPinnedStream.IsChanged(ex))
        {
            throw VersionPinnedStream.Changed(ex);
        }
    }

    public async Task<string> ComputeContentHashAsync(DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            // One streamed download of that version: no seeking is needed, so no properties are read first.
            var download = await _uploads.GetBlobClient(file.Path).DownloadStreamingAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(file.Version) } },
                cancellationToken);
            await using var stream = new VersionPinnedStream(download.Value.Content);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }
        catch (RequestFailedException ex) when (VersionPinnedStream.IsChanged(ex))
        {
            throw VersionPinnedStream.Changed(ex);
        }
    }

    /// <summary>
    /// A listing gives the ETag without the quotes that the blob's own ETag header has. The version must be the same
    /// string either way, or a listed file would map to another delivery id than its trigger run.
    /// </summary>
    private static DeliveryFileInfo Info(BlobItem blob)
    {
        var etag = blob.Properties.ETag?.ToString();
        var version = etag is null or "" ? string.Empty : etag.StartsWith('"') ? etag : $"\"{etag}\"";
        return new DeliveryFileInfo(blob.Name, version, blob.Properties.ContentLength ?? 0, blob.Properties.LastModified ?? DateTimeOffset.UnixEpoch);
    }
}
