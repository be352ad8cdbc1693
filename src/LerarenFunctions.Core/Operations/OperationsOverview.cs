using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Reminders;

namespace LerarenFunctions.Core.Operations;

/// <summary>
/// What the operators' page shows at a glance: what was delivered lately, what is under way, what is stuck, which
/// boards lack a contact person, the deadlines and reminders, and the e-mails given up. No BSN and no file name: dead
/// letters' errors are masked where they are written, a failed e-mail shows its recipient's domain only.
/// </summary>
/// <remarks>
/// <para><c>Today</c>: the Dutch day the overview was made on.</para>
/// <para><c>Days</c>: the last <see cref="GetOperationsOverview.Days"/> Dutch days, newest first, each with the
/// deliveries that became final on it.</para>
/// <para><c>UnderWay</c>: the deliveries that are not final.</para>
/// <para><c>SectorDeadlines</c>: the sectors' deadlines from the settings, nearest first.</para>
/// <para><c>LastReminderRun</c>: what the latest run of the reminder timer found; null before the first.</para>
/// </remarks>
public sealed record OperationsOverview(
    DateOnly Today,
    DateTimeOffset At,
    IReadOnlyList<DeliveryDay> Days,
    DeliveriesUnderWay UnderWay,
    DeadLetterList DeadLetters,
    BoardsWithoutContact BoardsWithoutContact,
    IReadOnlyList<SectorDeadline> SectorDeadlines,
    ReminderRunSummary? LastReminderRun,
    IReadOnlyList<FailedEmailView> FailedEmails);

/// <summary>The deliveries that became final on one Dutch day, per final status, with their rows.</summary>
/// <remarks>
/// <para><c>Rows</c>: the data rows of those deliveries' files.</para>
/// <para><c>Registered</c>: the rows the register registered.</para>
/// </remarks>
public sealed record DeliveryDay(DateOnly Date, IReadOnlyDictionary<DeliveryStatus, int> PerStatus, int Rows, int Registered)
{
    /// <summary>The statuses a day counts: the final ones, in the order the page shows them.</summary>
    public static IReadOnlyList<DeliveryStatus> Statuses { get; } =
        [DeliveryStatus.Afgerond, DeliveryStatus.Afgewezen, DeliveryStatus.Proef, DeliveryStatus.Dubbel];

    public int Total => PerStatus.Values.Sum();

    public int Of(DeliveryStatus status) => PerStatus.GetValueOrDefault(status);
}

/// <summary>
/// The deliveries that are not final, oldest first, at most <see cref="GetOperationsOverview.MaxUnderWay"/>; and how
/// many there are in all.
/// </summary>
public sealed record DeliveriesUnderWay(IReadOnlyList<DeliveryUnderWay> Deliveries, int Total)
{
    /// <summary>Whether nothing is under way: a page that refreshes them can stop.</summary>
    public bool None => Total == 0;
}

/// <summary>A delivery that is not final: where its intake or forwarding stands.</summary>
/// <remarks>
/// <para><c>BatchesCompleted</c>: batches with a final answer (answered, or given up); while forwarded, from the batches.</para>
/// <para><c>BatchesRetrying</c>: open batches that failed an attempt and wait for the next: the register is in trouble.</para>
/// </remarks>
public sealed record DeliveryUnderWay(
    string Id,
    string Bestuursnummer,
    DeliveryStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ChangedAt,
    int Rows,
    int Batches,
    int BatchesCompleted,
    int BatchesRetrying,
    int Registered,
    int RejectedByRegister,
    int Failed)
{
    /// <summary>How far the forwarding is, 0 to 100; null while the file is being validated (its size is not known yet).</summary>
    public int? Percent => Status switch
    {
        DeliveryStatus.Gevalideerd => 0,
        DeliveryStatus.Doorsturen when Batches > 0 => (int)Math.Min(100, BatchesCompleted * 100L / Batches),
        DeliveryStatus.Doorsturen => 0,
        _ => null,
    };
}

/// <summary>
/// Active boards without a contact person: the first <see cref="GetOperationsOverview.MaxBoardsShown"/> by deadline,
/// and how many there are (<c>AtLeast</c>: there may be more; the count stopped at the read limit).
/// </summary>
public sealed record BoardsWithoutContact(IReadOnlyList<BoardWithoutContact> Boards, int Count, bool AtLeast);

/// <summary>A board without a contact person: what an operator needs to chase it.</summary>
/// <remarks><para><c>HasAddress</c>: whether the board has an address of its own for the reminders.</para></remarks>
public sealed record BoardWithoutContact(string Bestuursnummer, string Naam, string? Plaatsnaam, DateOnly? Deadline, DateOnly ImportedOn, bool HasAddress);

/// <summary>A sector's deadline from the settings, and the days left until it (negative once passed).</summary>
public sealed record SectorDeadline(string Sector, DateOnly Deadline, int DaysLeft);
