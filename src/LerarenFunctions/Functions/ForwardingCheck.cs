using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>Looks for forwarding that stopped moving and queues its open batches again.</summary>
public sealed class ForwardingCheck(ResumeStalledForwarding resumeStalledForwarding)
{
    [Function(nameof(ForwardingCheck))]
    public Task Run(
        [TimerTrigger(Schedules.ResumeStalledForwarding)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        resumeStalledForwarding.HandleAsync(cancellationToken);
}
