using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>Queues again an e-mail whose queue message got lost.</summary>
public sealed class CheckOutboxFunction(CheckOutbox checkOutbox)
{
    [Function(nameof(CheckOutbox))]
    public Task Run([TimerTrigger(Schedules.CheckOutbox)] TimerInfo timer, CancellationToken cancellationToken) =>
        checkOutbox.HandleAsync(cancellationToken);
}
