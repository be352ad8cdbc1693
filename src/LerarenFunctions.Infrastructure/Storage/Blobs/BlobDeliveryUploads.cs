using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Infrastructure.Storage.Blobs;

/// <summary>
/// Uploads over HTTP into the uploads container as block blobs: the blocks are staged as the body is read, and only the
/// commit of the block list makes the blob exist. Blocks never committed are discarded by the storage service (after a
/// week); no trigger and no listing ever sees them.
/// </summary>
public sealed class BlobDeliveryUploads(StorageClients clients) : IDeliveryUploads
{
    /// <summary>The size of a staged block, and the most one upload holds in memory.</summary>
    private const int BlockSize = 4 * 1024 * 1024;

    private readonly Azure.Storage.Blobs.BlobContainerClient _uploads = clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);

    public async Task<PendingUpload> StageAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = _uploads.GetBlockBlobClient(path);
        var blocks = new List<string>();
        long length = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            while (true)
            {
                var filled = await FillAsync(content, buffer, cancellationToken);
                if (filled == 0)
                {
                    // The end (an empty body commits no block at all: an empty file, rejected as any other).
                    break;
                }

                // Block ids of one length per blob, as the service requires.
                var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(blocks.Count.ToString("D6", CultureInfo.InvariantCulture)));
                using (var block = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    await blob.StageBlockAsync(id, block, cancellationToken: cancellationToken);
                }

                blocks.Add(id);
                length += filled;
                if (filled < BlockSize)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new PendingUpload(path, blocks, length);
    }

    public async Task<DeliveryFileInfo> CommitAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var blob = _uploads.GetBlockBlobClient(upload.Path);
        try
        {
            // Only where no file is: a file at this path is another request's, and stays as it is.
            BlobContentInfo committed = await blob.CommitBlockListAsync(
                upload.Parts,
                new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken);
            return new DeliveryFileInfo(upload.Path, committed.ETag.ToString(), upload.Length, committed.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return new DeliveryFileInfo(upload.Path, properties.ETag.ToString(), properties.ContentLength, properties.LastModified);
        }
    }

    /// <summary>Reads until the buffer is full or the content ends: a network stream gives a few kilobytes per read.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < BlockSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, BlockSize - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
