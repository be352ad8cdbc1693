using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Infrastructure.Storage.Blobs;

/// <summary>
/// The reports container: each terugmelding as JSON at its path (for systems) and as CSV next to it (for people).
/// Both carry the hash of the JSON they show, so a reader can tell whether the CSV was made from the JSON that is
/// there now, and the delivery they belong to, so a copy by file name shows which upload it is of.
/// </summary>
public sealed class BlobTerugmeldingStore(StorageClients clients) : ITerugmeldingStore
{
    private const string ContentKey = "inhoud";
    private const string DeliveryKey = "aanleveringid";
    private const string UploadedKey = "geupload";

    private readonly BlobContainerClient _reports = clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);

    /// <summary>Where the CSV form of the terugmelding at <paramref name="jsonPath"/> goes.</summary>
    public static string CsvPath(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        return jsonPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? jsonPath[..^".json".Length] + ".csv" : jsonPath + ".csv";
    }

    public async Task<StoredTerugmelding?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        BlobDownloadResult json;
        try
        {
            json = (await _reports.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        var csv = await PropertiesAsync(CsvPath(path), cancellationToken);
        return new StoredTerugmelding(TerugmeldingJson.FromBytes(json.Content.ToMemory().Span), Info(json.Details.ETag, json.Details.Metadata, csv));
    }

    public async Task<TerugmeldingInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        var json = await PropertiesAsync(path, cancellationToken);
        return json is null ? null : Info(json.ETag, json.Metadata, await PropertiesAsync(CsvPath(path), cancellationToken));
    }

    public async Task WriteAsync(string path, Terugmelding terugmelding, TerugmeldingOwner? owner, CancellationToken cancellationToken)
    {
        var (json, metadata) = Render(terugmelding, owner);
        await UploadAsync(path, json, TerugmeldingJson.ContentType, metadata, conditions: null, cancellationToken);
        await UploadAsync(CsvPath(path), TerugmeldingCsv.ToBytes(terugmelding), TerugmeldingCsv.ContentType, metadata, conditions: null, cancellationToken);
    }

    public async Task<bool> TryWriteAsync(string path, Terugmelding terugmelding, TerugmeldingOwner? owner, TerugmeldingInfo? expected, CancellationToken cancellationToken)
    {
        var (json, metadata) = Render(terugmelding, owner);
        try
        {
            await UploadAsync(path, json, TerugmeldingJson.ContentType, metadata, Condition(expected?.Version), cancellationToken);
            await UploadAsync(CsvPath(path), TerugmeldingCsv.ToBytes(terugmelding), TerugmeldingCsv.ContentType, metadata, Condition(expected?.CsvVersion), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Only over the version read, or only where there is nothing yet.</summary>
    private static BlobRequestConditions Condition(string? version) =>
        version is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(version) };

    private static (byte[] Json, Dictionary<string, string> Metadata) Render(Terugmelding terugmelding, TerugmeldingOwner? owner)
    {
        var json = TerugmeldingJson.ToBytes(terugmelding);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ContentKey] = Convert.ToHexStringLower(SHA256.HashData(json)),
        };
        if (owner is not null)
        {
            metadata[DeliveryKey] = owner.DeliveryId;
            metadata[UploadedKey] = owner.UploadedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        }

        return (json, metadata);
    }

    private static TerugmeldingInfo Info(ETag version, IDictionary<string, string> metadata, BlobProperties? csv)
    {
        var owner = metadata.TryGetValue(DeliveryKey, out var id)
            && metadata.TryGetValue(UploadedKey, out var ticks)
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var uploaded)
                ? new TerugmeldingOwner(id, new DateTimeOffset(uploaded, TimeSpan.Zero))
                : null;
        var current = csv is not null
            && metadata.TryGetValue(ContentKey, out var content)
            && csv.Metadata.TryGetValue(ContentKey, out var csvContent)
            && content == csvContent;
        return new TerugmeldingInfo(version.ToString(), csv?.ETag.ToString(), current, owner);
    }

    private async Task<BlobProperties?> PropertiesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await _reports.GetBlobClient(path).GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task UploadAsync(string path, byte[] content, string contentType, Dictionary<string, string> metadata, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
        await _reports.GetBlobClient(path).UploadAsync(
            new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, Metadata = metadata, Conditions = conditions },
            cancellationToken);
}
