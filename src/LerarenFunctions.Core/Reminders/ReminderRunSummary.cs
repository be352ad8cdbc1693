namespace LerarenFunctions.Core.Reminders;

/// <summary>
/// What one run of the reminder timer found and did, kept for the operators' page. Working out the reminders reads
/// every board (about twenty requests and all 10,000 board rows), too much for each page view; the daily run reads
/// them anyway, so it leaves this summary behind and the page reads one row.
/// </summary>
/// <remarks>
/// <para><c>Date</c>: the Dutch day the run was for.</para>
/// <para><c>At</c>: when the run ended.</para>
/// <para><c>DuePerRule</c>: the reminders due per rule (those without an address included).</para>
/// <para><c>Deadlines</c>: the nearest deadlines from that day on, with how many active boards have each and how many of
/// them delivered for it.</para>
/// </remarks>
public sealed record ReminderRunSummary(
    DateOnly Date,
    DateTimeOffset At,
    int Due,
    int Queued,
    int QueuedBefore,
    int WithoutAddress,
    int Failed,
    IReadOnlyDictionary<ReminderRule, int> DuePerRule,
    IReadOnlyList<DeadlineStanding> Deadlines)
{
    /// <summary>How many deadlines a summary keeps: the nearest few are what an operator acts on.</summary>
    public const int MaxDeadlines = 5;

    /// <summary>The summary of <paramref name="run"/>, for the reminders that were <paramref name="due"/>.</summary>
    public static ReminderRunSummary Of(ReminderRun run, IEnumerable<Reminder> due, IReadOnlyList<DeadlineStanding> deadlines, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(due);
        var perRule = due.GroupBy(r => r.Rule).ToDictionary(g => g.Key, g => g.Count());
        return new(run.Date, at, run.Due, run.Queued, run.QueuedBefore, run.WithoutAddress, run.Failed,
            ReminderRules.All.ToDictionary(rule => rule, rule => perRule.GetValueOrDefault(rule)), deadlines);
    }
}

/// <summary>One deadline and where the active boards that have it stand.</summary>
/// <remarks>
/// <para><c>Boards</c>: active boards whose deadline it is.</para>
/// <para><c>Delivered</c>: of those, the boards with a forwarded delivery that counts for it.</para>
/// </remarks>
public sealed record DeadlineStanding(DateOnly Deadline, int Boards, int Delivered);
