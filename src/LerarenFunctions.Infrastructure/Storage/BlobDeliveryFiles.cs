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

    /// <summary>
    /// Writes the terugmelding twice: JSON at <paramref name="path"/> for systems, and CSV for people next to it
    /// (the same path with <c>.csv</c> instead of <c>.json</c>). Both are overwritten when a delivery is run again.
    /// </summary>
    public async Task WriteTerugmeldingAsync(string path, Terugmelding terugmelding, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(terugmelding, ReportJson);
        await UploadAsync(path, json, "application/json; charset=utf-8", cancellationToken);

        using var csv = new MemoryStream();
        await TerugmeldingCsv.WriteAsync(terugmelding, csv, cancellationToken);
        await UploadAsync(CsvPath(path), new BinaryData(csv.GetBuffer().AsMemory(0, (int)csv.Length)), TerugmeldingCsv.ContentType, cancellationToken);
    }

    /// <summary>Where the CSV form of the terugmelding at <paramref name="jsonPath"/> goes.</summary>
    public static string CsvPath(string jsonPath) =>
        jsonPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? jsonPath[..^".json".Length] + ".csv" : jsonPath + ".csv";

    private Task UploadAsync(string path, byte[] content, string contentType, CancellationToken cancellationToken) =>
        UploadAsync(path, new BinaryData(content), contentType, cancellationToken);

    private async Task UploadAsync(string path, BinaryData content, string contentType, CancellationToken cancellationToken) =>
        await _reports.GetBlobClient(path).UploadAsync(
            content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
}
