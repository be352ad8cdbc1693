using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.WebJobs;

namespace LerarenFunctions.LocalHost.Functions;

/// <summary>The WebJobs twin of the worker's <c>SendReminders</c>.</summary>
public sealed class SendRemindersFunction(SendReminders sendReminders)
{
    [FunctionName(nameof(SendReminders))]
    public Task Run([TimerTrigger(Schedules.SendReminders)] TimerInfo timer, CancellationToken cancellationToken) =>
        sendReminders.HandleAsync(cancellationToken);
}
