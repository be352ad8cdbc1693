using LerarenFunctions.Core.Email;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>CheckOutbox</c>.</summary>
public sealed class CheckOutboxFunction(CheckOutbox checkOutbox)
{
    [FunctionName(nameof(CheckOutbox))]
    public Task Run([TimerTrigger(Schedules.CheckOutbox)] TimerInfo timer, CancellationToken cancellationToken) =>
        checkOutbox.HandleAsync(cancellationToken);
}
