using Azure.Storage.Blobs;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>A board dropped a file in <c>aanleveringen/{bestuursnummer}/{bestandsnaam}</c>.</summary>
public sealed class ReceiveDeliveryFunction(ReceiveDelivery receiveDelivery)
{
    /// <param name="blob">The trigger; the file is read by Core, pinned to its version.</param>
    /// <param name="name">The blob's name exactly as stored (a client would resolve "." and ".." in it).</param>
    /// <param name="cancellationToken">Stops the intake; a later run takes it over.</param>
    [Function(nameof(ReceiveDelivery))]
    public Task Run(
        [BlobTrigger(StorageNames.UploadsTriggerPath, Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        receiveDelivery.HandleAsync(name, cancellationToken);
}
