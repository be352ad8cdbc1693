using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>CheckDeliveries</c>.</summary>
public sealed class CheckDeliveriesFunction(CheckDeliveries checkDeliveries)
{
    [FunctionName(nameof(CheckDeliveries))]
    public Task Run([TimerTrigger(Schedules.CheckDeliveries)] TimerInfo timer, CancellationToken cancellationToken) =>
        checkDeliveries.HandleAsync(cancellationToken);
}
