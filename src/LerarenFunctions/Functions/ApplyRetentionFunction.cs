using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>Removes what is kept no longer than its retention.</summary>
public sealed class ApplyRetentionFunction(ApplyRetention applyRetention)
{
    [Function(nameof(ApplyRetention))]
    public Task Run([TimerTrigger(Schedules.ApplyRetention)] TimerInfo timer, CancellationToken cancellationToken) =>
        applyRetention.HandleAsync(cancellationToken);
}
