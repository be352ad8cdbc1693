using System.Security.Cryptography;
using Azure;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Infrastructure.Storage;

public sealed partial class BlobDeliveryFiles
{
    public async Task<Terugmelding?> ReadTerugmeldingAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _reports.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<Terugmelding>();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<string> ComputeContentHashAsync(DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        // A separate streaming pass: the validator may seek (XLSX), which a hashing wrapper could not follow.
        await using var stream = await OpenReadAsync(file, cancellationToken);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}
