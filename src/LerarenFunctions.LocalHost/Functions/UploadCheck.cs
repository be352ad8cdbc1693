using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>UploadCheck</c>.</summary>
public sealed class UploadCheck(PickUpMissedUploads pickUpMissedUploads)
{
    [FunctionName(nameof(UploadCheck))]
    public Task Run(
        [TimerTrigger(Schedules.PickUpMissedUploads)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        pickUpMissedUploads.HandleAsync(cancellationToken);
}
