using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Infrastructure.Storage.Blobs;

/// <summary>
/// The reports container: each terugmelding as JSON at its path (for systems) and, where one belongs, as CSV next to it
/// (for people). Both carry the hash of the JSON they show, so a reader can tell whether the CSV was made from the JSON
/// that is there now, and the delivery they belong to, so a copy by file name shows which upload it is of.
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

    public async Task<StoredTerugmelding?> ReadAsync(TerugmeldingLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        BlobDownloadResult json;
        try
        {
            json = (await _reports.GetBlobClient(location.Path).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        var csv = location.WithCsv ? await PropertiesAsync(CsvPath(location.Path), cancellationToken) : null;
        return new StoredTerugmelding(TerugmeldingJson.FromBytes(json.Content.ToMemory().Span), Info(location, json.Details.ETag, json.Details.Metadata, csv));
    }

    public async Task<TerugmeldingInfo?> GetInfoAsync(TerugmeldingLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var json = await PropertiesAsync(location.Path, cancellationToken);
        var csv = json is not null && location.WithCsv ? await PropertiesAsync(CsvPath(location.Path), cancellationToken) : null;
        return json is null ? null : Info(location, json.ETag, json.Metadata, csv);
    }

    public async Task WriteAsync(TerugmeldingLocation location, Terugmelding terugmelding, TerugmeldingOwner? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var (json, metadata) = Render(terugmelding, owner);
        await UploadAsync(location.Path, json, TerugmeldingJson.ContentType, metadata, conditions: null, cancellationToken);
        if (location.WithCsv)
        {
            await UploadAsync(CsvPath(location.Path), TerugmeldingCsv.ToBytes(terugmelding), TerugmeldingCsv.ContentType, metadata, conditions: null, cancellationToken);
        }
    }

    public async Task<bool> TryWriteAsync(TerugmeldingLocation location, Terugmelding terugmelding, TerugmeldingOwner? owner, TerugmeldingInfo? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var (json, metadata) = Render(terugmelding, owner);
        try
        {
            await UploadAsync(location.Path, json, TerugmeldingJson.ContentType, metadata, Condition(expected?.Version), cancellationToken);
            if (location.WithCsv)
            {
                await UploadAsync(CsvPath(location.Path), TerugmeldingCsv.ToBytes(terugmelding), TerugmeldingCsv.ContentType, metadata, Condition(expected?.CsvVersion), cancellationToken);
            }

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

    private static TerugmeldingInfo Info(TerugmeldingLocation location, ETag version, IDictionary<string, string> metadata, BlobProperties? csv)
    {
        var owner = metadata.TryGetValue(DeliveryKey, out var id)
            && metadata.TryGetValue(UploadedKey, out var ticks)
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var uploaded)
                ? new TerugmeldingOwner(id, new DateTimeOffset(uploaded, TimeSpan.Zero))
                : null;
        var current = !location.WithCsv || (csv is not null
            && metadata.TryGetValue(ContentKey, out var content)
            && csv.Metadata.TryGetValue(ContentKey, out var csvContent)
            && content == csvContent);
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
