using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>Takes in uploads that the blob trigger missed.</summary>
public sealed class PickUpMissedUploadsFunction(PickUpMissedUploads pickUpMissedUploads)
{
    [Function(nameof(PickUpMissedUploads))]
    public Task Run([TimerTrigger(Schedules.PickUpMissedUploads)] TimerInfo timer, CancellationToken cancellationToken) =>
        pickUpMissedUploads.HandleAsync(cancellationToken);
}
