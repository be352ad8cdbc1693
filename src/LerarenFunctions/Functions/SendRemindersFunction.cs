using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary>Sends the reminders due today (their schedule is the setting <c>Herinneringen:Schema</c>).</summary>
public sealed class SendRemindersFunction(SendReminders sendReminders)
{
    [Function(nameof(SendReminders))]
    public Task Run([TimerTrigger(Schedules.SendReminders)] TimerInfo timer, CancellationToken cancellationToken) =>
        sendReminders.HandleAsync(cancellationToken);
}
