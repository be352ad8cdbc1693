using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>Picks up deliveries that stopped moving, and closes those whose batches are all answered.</summary>
public sealed class CheckDeliveriesFunction(CheckDeliveries checkDeliveries)
{
    [Function(nameof(CheckDeliveries))]
    public Task Run([TimerTrigger(Schedules.CheckDeliveries)] TimerInfo timer, CancellationToken cancellationToken) =>
        checkDeliveries.HandleAsync(cancellationToken);
}
