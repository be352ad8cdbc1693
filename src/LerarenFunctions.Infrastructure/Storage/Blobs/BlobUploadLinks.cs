using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using LerarenFunctions.Core.Deliveries;

namespace LerarenFunctions.Infrastructure.Storage.Blobs;

/// <summary>
/// Upload links as a service SAS for exactly one blob of the uploads container, with the permissions Create and Write
/// only: no read, list or delete, and no other name (the blob's name is part of the signature). Signed with the account
/// key when the client holds one (<see cref="Azure.Storage.Blobs.Specialized.BlobBaseClient.CanGenerateSasUri"/>:
/// Azurite, a connection string with a key); otherwise, as under the identity-based settings where no client has a key,
/// as a user delegation SAS, with a key the app's identity asks for, which needs the role Storage Blob Delegator on the
/// account (Storage Blob Data Contributor and Owner include it). A SAS cannot demand <c>If-None-Match: *</c>: within its validity a second <c>PUT</c> to
/// the same name replaces the file; the name is new and unguessable, and given out once.
/// </summary>
public sealed class BlobUploadLinks(StorageClients clients, TimeProvider time) : IUploadLinks
{
    /// <summary>How far back a link starts, for clocks that run behind the service's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How long a user delegation key is asked for beyond the link it signs, so the next links can use it too.</summary>
    private static readonly TimeSpan DelegationKeyReuse = TimeSpan.FromHours(1);

    private UserDelegationKey? _delegationKey;

    public async Task<Uri> CreateAsync(string path, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var blob = clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(path);
        var startsOn = time.GetUtcNow() - ClockSkew;
        var sas = new BlobSasBuilder(BlobSasPermissions.Create | BlobSasPermissions.Write, expiresOn)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = startsOn,
            // Over HTTPS only, unless the account itself is plain HTTP (Azurite).
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };

        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var key = await DelegationKeyAsync(startsOn, expiresOn, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, clients.Blobs.AccountName) }.ToUri();
    }

    /// <summary>A user delegation key valid over the whole link: the last one when it is, else a new one (valid at most seven days).</summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        if (_delegationKey is { } last && last.SignedStartsOn <= startsOn && last.SignedExpiresOn >= expiresOn)
        {
            return last;
        }

        var until = expiresOn + DelegationKeyReuse;
        var longest = startsOn + TimeSpan.FromDays(7);
        UserDelegationKey key = await clients.Blobs.GetUserDelegationKeyAsync(startsOn, until < longest ? until : longest, cancellationToken);
        _delegationKey = key;
        return key;
    }
}
