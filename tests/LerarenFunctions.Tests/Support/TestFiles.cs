using System.Text;
using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Infrastructure.Storage.Blobs;

namespace LerarenFunctions.Tests.Support;

public static class TestFiles
{
    /// <summary>Uploads a file as a board would and returns the id its delivery will get.</summary>
    public static async Task<(BlobClient Blob, string DeliveryId)> DropAsync(StorageClients clients, string path, byte[] content)
    {
        var blob = clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(path);
        var uploaded = await blob.UploadAsync(new BinaryData(content), overwrite: true);
        return (blob, DeliveryPath.Parse(path).DeliveryId(uploaded.Value.ETag.ToString()));
    }

    public static Task<(BlobClient Blob, string DeliveryId)> DropAsync(StorageClients clients, string path, string content) =>
        DropAsync(clients, path, Encoding.UTF8.GetBytes(content));

    /// <summary>The terugmelding by file name (of the newest delivery of <paramref name="path"/>).</summary>
    public static async Task<string?> ReadTerugmeldingAsync(StorageClients clients, string path, bool csv = false)
    {
        var json = DeliveryPath.Parse(path).TerugmeldingPath;
        var blob = clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient(csv ? BlobTerugmeldingStore.CsvPath(json) : json);
        if (!await blob.ExistsAsync())
        {
            return null;
        }

        return (await blob.DownloadContentAsync()).Value.Content.ToString();
    }
}
