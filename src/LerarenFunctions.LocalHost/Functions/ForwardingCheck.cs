using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>ForwardingCheck</c>.</summary>
public sealed class ForwardingCheck(ResumeStalledForwarding resumeStalledForwarding)
{
    [FunctionName(nameof(ForwardingCheck))]
    public Task Run(
        [TimerTrigger(Schedules.ResumeStalledForwarding)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        resumeStalledForwarding.HandleAsync(cancellationToken);
}
