using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Reminders;

/// <summary>
/// The reminder timer: sends every reminder due today, each at most once per board, rule and period. A reminder goes
/// into the outbox under an id of board, rule, period and number, and is recorded after; a second run (a double fire,
/// another instance, a run after one that stopped) finds the outbox id taken and only records. The outbox sends it.
/// </summary>
public sealed partial class SendReminders(
    ReminderPlan plan,
    ReminderEmails emails,
    Outbox outbox,
    IReminderStore store,
    TimeProvider time,
    ILogger<SendReminders> logger)
{
    /// <summary>Writes a handful at a time: the day of a deadline step can make thousands due at once.</summary>
    private const int ParallelSends = 8;

    public async Task<ReminderRun> HandleAsync(CancellationToken cancellationToken)
    {
        var today = AmsterdamTime.Today(time);
        var day = await plan.PlanAsync(today, cancellationToken);
        var due = day.Due;
        int queued = 0, queuedBefore = 0, withoutAddress = 0, failed = 0;
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
            async (reminder, ct) =>
            {
                if (reminder.To is null)
                {
                    LogNoAddress(logger, reminder.Bestuursnummer.Value, reminder.Rule.ToContract());
                    Interlocked.Increment(ref withoutAddress);
                    return;
                }

                try
                {
                    var added = await outbox.QueueAsync(emails.Message(reminder, today, time.GetUtcNow()), ct);
                    await RecordAsync(reminder, today, ct);
                    Interlocked.Increment(ref added ? ref queued : ref queuedBefore);
                    LogQueued(logger, reminder.Bestuursnummer.Value, reminder.Rule, reminder.Number, added);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Nothing recorded: the next run tries again, and the outbox id keeps it to one e-mail.
                    LogFailed(logger, ex, reminder.Bestuursnummer.Value, reminder.Rule.ToContract());
                    Interlocked.Increment(ref failed);
                }
            });

        LogRun(logger, due.Count, queued, queuedBefore, withoutAddress, failed);
        var run = new ReminderRun(today, due.Count, queued, queuedBefore, withoutAddress, failed);
        await KeepSummaryAsync(ReminderRunSummary.Of(run, due, day.Deadlines, time.GetUtcNow()), cancellationToken);
        return run;
    }

    /// <summary>
    /// Leaves the run's summary for the operators' page. The reminders are queued and recorded by now, so a failure
    /// here costs only a page that shows an older run: it is logged, not thrown.
    /// </summary>
    private async Task KeepSummaryAsync(ReminderRunSummary summary, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveLastRunAsync(summary, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSummaryFailed(logger, ex);
        }
    }

    /// <summary>Records the reminder unless a record as far is there already (another run got there first).</summary>
    private async Task RecordAsync(Reminder reminder, DateOnly today, CancellationToken cancellationToken)
    {
        var next = reminder.Record(today);
        if (reminder.Previous is null && await store.TryAddAsync(next, cancellationToken) is not null)
        {
            return;
        }

        await StoreUpdates.UpdateAsync(
            reminder.Previous,
            () => store.GetAsync(reminder.Bestuursnummer, reminder.Rule, cancellationToken),
            current => current.SentIn(reminder.Period) >= reminder.Number ? null : next,
            (current, record) => store.TryReplaceAsync(current, record, cancellationToken),
            $"Reminder record {reminder.Rule.ToContract()} of board {reminder.Bestuursnummer.Value}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Rule} for board {Bestuursnummer} is due, but there is no address to send it to")]
    private static partial void LogNoAddress(ILogger logger, string bestuursnummer, string rule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Rule} {Number} for board {Bestuursnummer} queued (new: {New})")]
    private static partial void LogQueued(ILogger logger, string bestuursnummer, ReminderRule rule, int number, bool @new);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Rule} for board {Bestuursnummer} could not be queued; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string bestuursnummer, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The summary of the reminder run could not be kept; the operators' page shows an older run")]
    private static partial void LogSummaryFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: {Due} due, {Queued} queued, {QueuedBefore} queued by an earlier run, {WithoutAddress} without an address, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int due, int queued, int queuedBefore, int withoutAddress, int failed);
}

/// <summary>What one run of the reminder timer did.</summary>
/// <remarks>
/// <para><c>QueuedBefore</c>: Found in the outbox already (an earlier run queued them and stopped before recording).</para>
/// </remarks>
public sealed record ReminderRun(DateOnly Date, int Due, int Queued, int QueuedBefore, int WithoutAddress, int Failed);
