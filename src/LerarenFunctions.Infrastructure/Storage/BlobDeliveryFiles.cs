using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Infrastructure.Storage;

public sealed partial class BlobDeliveryFiles(StorageClients clients) : IDeliveryFiles
{
    private static readonly JsonSerializerOptions ReportJson = new()
    {
        WriteIndented = true,
        // Reports are read by people; Dutch text stays readable. The content type keeps it from being run as script.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly BlobContainerClient _uploads = clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);
    private readonly BlobContainerClient _reports = clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);

    public async Task<DeliveryFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties properties = await _uploads.GetBlobClient(path).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new DeliveryFileInfo(path, properties.ETag.ToString(), properties.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task<Stream> OpenReadAsync(DeliveryFileInfo file, CancellationToken cancellationToken) =>
        // Pinned to the version the delivery id was derived from: a file replaced while it is read fails the
        // read instead of mixing two versions; the new version gets its own trigger and delivery.
        _uploads.GetBlobClient(file.Path).OpenReadAsync(
            new BlobOpenReadOptions(allowModifications: false)
            {
                Conditions = new BlobRequestConditions { IfMatch = new ETag(file.Version) },
            },
            cancellationToken);

    public async Task WriteTerugmeldingAsync(string path, Terugmelding terugmelding, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(terugmelding, ReportJson);
        await _reports.GetBlobClient(path).UploadAsync(
            new BinaryData(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken);
    }
}
