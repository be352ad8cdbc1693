using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>PickUpMissedUploads</c>.</summary>
public sealed class PickUpMissedUploadsFunction(PickUpMissedUploads pickUpMissedUploads)
{
    [FunctionName(nameof(PickUpMissedUploads))]
    public Task Run([TimerTrigger(Schedules.PickUpMissedUploads)] TimerInfo timer, CancellationToken cancellationToken) =>
        pickUpMissedUploads.HandleAsync(cancellationToken);
}
