using System.Diagnostics.Metrics;

namespace LerarenFunctions.Core.Telemetry;

/// <summary>
/// What LerarenFunctions counts, on the meter <see cref="LerarenTelemetry.SourceName"/>. Dimensions are fixed words
/// only (a status, a reason, a kind of e-mail): never a delivery id, a board number or anything of a row, so the number
/// of series stays small and no personal data reaches a metric store. Rows per second is the rate of the row counters.
/// </summary>
public sealed class LerarenMetrics : IDisposable
{
    public const string StatusTag = "status";
    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";
    public const string KindTag = "soort";
    public const string RuleTag = "regel";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _validated;
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _rowsValidated;
    private readonly Counter<long> _rowsForwarded;
    private readonly Histogram<double> _intakeDuration;
    private readonly Histogram<double> _registerDuration;
    private readonly Counter<long> _registerFailures;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsFailed;
    private readonly Counter<long> _remindersSent;

    /// <param name="meterFactory">The host's meter factory; without one (a tool, a test of Core alone) a meter of its own.</param>
    public LerarenMetrics(IMeterFactory? meterFactory = null)
    {
        // The factory owns its meters (and disposes them with the host); a meter of our own is ours to dispose.
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(LerarenTelemetry.SourceName) ?? new Meter(LerarenTelemetry.SourceName);
        var meter = _meter;
        _received = meter.CreateCounter<long>("lerarenfunctions.deliveries.received", "{delivery}", "Deliveries taken in (a new file in a board's folder).");
        _validated = meter.CreateCounter<long>("lerarenfunctions.deliveries.validated", "{delivery}", "Deliveries validated, by the status they got.");
        _forwarded = meter.CreateCounter<long>("lerarenfunctions.deliveries.forwarded", "{delivery}", "Deliveries whose batches were queued for the register.");
        _completed = meter.CreateCounter<long>("lerarenfunctions.deliveries.completed", "{delivery}", "Deliveries that reached a final status after intake or forwarding, by status.");
        _rowsValidated = meter.CreateCounter<long>("lerarenfunctions.rows.validated", "{row}", "Rows validated, by outcome (accepted or rejected).");
        _rowsForwarded = meter.CreateCounter<long>("lerarenfunctions.rows.forwarded", "{row}", "Rows the register answered, by its answer.");
        _intakeDuration = meter.CreateHistogram<double>("lerarenfunctions.intake.duration", "s", "How long reading, validating and storing one file took.");
        _registerDuration = meter.CreateHistogram<double>("lerarenfunctions.register.duration", "s", "How long one register call took, retries included, by outcome.");
        _registerFailures = meter.CreateCounter<long>("lerarenfunctions.register.failures", "{call}", "Register calls without a usable answer, by reason.");
        _deadLetters = meter.CreateCounter<long>("lerarenfunctions.dead_letters", "{batch}", "Batches given up (dead-lettered), by reason.");
        _emailsSent = meter.CreateCounter<long>("lerarenfunctions.emails.sent", "{email}", "E-mails the mail server accepted, by kind.");
        _emailsFailed = meter.CreateCounter<long>("lerarenfunctions.emails.failed", "{email}", "E-mail attempts the mail server refused, by kind and whether it was given up.");
        _remindersSent = meter.CreateCounter<long>("lerarenfunctions.reminders.sent", "{email}", "Reminder e-mails the mail server accepted, by rule.");
    }

    public void DeliveryReceived() => _received.Add(1);

    public void DeliveryValidated(string status, int accepted, int rejected, TimeSpan duration)
    {
        _validated.Add(1, new KeyValuePair<string, object?>(StatusTag, status));
        _rowsValidated.Add(accepted, new KeyValuePair<string, object?>(OutcomeTag, "accepted"));
        _rowsValidated.Add(rejected, new KeyValuePair<string, object?>(OutcomeTag, "rejected"));
        _intakeDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(StatusTag, status));
    }

    public void DeliveryForwarded() => _forwarded.Add(1);

    public void DeliveryCompleted(string status) => _completed.Add(1, new KeyValuePair<string, object?>(StatusTag, status));

    /// <param name="outcome">Fixed words: <c>success</c>, <c>unavailable</c>, <c>invalid_answer</c>, <c>refused</c>.</param>
    /// <param name="duration">The call with its retries.</param>
    public void RegisterCalled(string outcome, TimeSpan duration)
    {
        _registerDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(OutcomeTag, outcome));
        if (outcome != "success")
        {
            _registerFailures.Add(1, new KeyValuePair<string, object?>(ReasonTag, outcome));
        }
    }

    public void RowsForwarded(string result, int rows) => _rowsForwarded.Add(rows, new KeyValuePair<string, object?>(OutcomeTag, result));

    public void BatchDeadLettered(string reason) => _deadLetters.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    /// <param name="kind">The outbox kind (<c>terugmelding-afgerond</c>, <c>herinnering-geen-levering</c>, ...).</param>
    public void EmailSent(string kind)
    {
        _emailsSent.Add(1, new KeyValuePair<string, object?>(KindTag, kind));
        const string reminder = "herinnering-";
        if (kind.StartsWith(reminder, StringComparison.Ordinal))
        {
            _remindersSent.Add(1, new KeyValuePair<string, object?>(RuleTag, kind[reminder.Length..]));
        }
    }

    public void EmailFailed(string kind, bool givenUp) =>
        _emailsFailed.Add(1, new KeyValuePair<string, object?>(KindTag, kind), new KeyValuePair<string, object?>("given_up", givenUp));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
