using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>ApplyRetention</c>.</summary>
public sealed class ApplyRetentionFunction(ApplyRetention applyRetention)
{
    [FunctionName(nameof(ApplyRetention))]
    public Task Run([TimerTrigger(Schedules.ApplyRetention)] TimerInfo timer, CancellationToken cancellationToken) =>
        applyRetention.HandleAsync(cancellationToken);
}
