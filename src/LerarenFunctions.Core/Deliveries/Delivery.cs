using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// One delivered file and its progress: the lifecycle of a delivery. Each change is a method that returns the next
/// state, or null when the change does not apply to the current one (a run that comes too late, a closer that finds
/// nothing to change); the caller writes the next state only while the store still holds the state it was computed
/// from (<see cref="Stored{T}"/>). The rules:
/// <list type="bullet">
/// <item>Intake: one run at a time holds the delivery while it is <c>ontvangen</c>, and shows it is alive by moving
/// <see cref="ChangedAt"/>; a run that finds another one alive leaves it alone; one that stopped moving is taken over.</item>
/// <item>Forwarding: <c>gevalideerd</c> → <c>doorsturen</c> → <c>afgerond</c> when every batch has its final answer;
/// of two closers only one writes (the other's state is out of date), and a closed delivery whose batches changed
/// after all (a late success, a replay) is closed again with the new counts.</item>
/// <item>A replay reopens a closed delivery: <c>afgerond</c> → <c>doorsturen</c>.</item>
/// <item>A final delivery expires after the retention period: its rows are removed.</item>
/// </list>
/// </summary>
public sealed record Delivery
{
    /// <summary>Derived from the blob (path and version), so a trigger that runs again finds the same delivery.</summary>
    public required string Id { get; init; }

    public required Bestuursnummer Bestuursnummer { get; init; }

    /// <summary>The path below the uploads container, exactly as stored.</summary>
    public required string Path { get; init; }

    /// <summary>The file name below the board's folder (with <c>proef/</c> for a trial).</summary>
    public required string FileName { get; init; }

    /// <summary>The version of the file this delivery reads (the blob's ETag); a replaced file is another delivery.</summary>
    public required string FileVersion { get; init; }

    /// <summary>When the file was uploaded (last modified): of two deliveries of one name the later upload is the newest.</summary>
    public required DateTimeOffset UploadedAt { get; init; }

    public required DeliveryStatus Status { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DeliveryCounts Counts { get; init; } = new();

    /// <summary>Why a file was rejected as a whole, in Dutch; null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// The content hash this delivery claimed for its board, recorded with its validated status, to release the claim
    /// when it forwards nothing. Null while it holds no claim: a trial, a rejected file, a repeat, one that gave its
    /// claim up; and before the validated status, even when its intake has claimed already.
    /// </summary>
    public string? ContentHash { get; init; }

    /// <summary>How many runs have taken the intake on (1 for the first).</summary>
    public int IntakeAttempt { get; init; }

    /// <summary>The last time the lifecycle moved: written with every change, and by a running intake as a sign of life.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    public bool IsTrial => DeliveryPath.InTrialFolder(FileName);

    /// <summary>This delivery's own terugmelding below the reports container; no other delivery ever writes it.</summary>
    public string TerugmeldingPath => $"{Bestuursnummer.Value}/aanleveringen/{Id}/terugmelding.json";

    /// <summary>The terugmelding by file name: a copy of the newest delivery's own, for boards that look by name.</summary>
    public string LatestTerugmeldingPath => $"{Bestuursnummer.Value}/{FileName}.terugmelding.json";

    /// <summary>Its own terugmelding is JSON only: systems read it, and the API renders CSV from it for people.</summary>
    public TerugmeldingLocation Terugmelding => new(TerugmeldingPath, WithCsv: false);

    /// <summary>The copy by file name has a CSV next to it, for boards that open the container with a storage tool.</summary>
    public TerugmeldingLocation LatestTerugmelding => new(LatestTerugmeldingPath, WithCsv: true);

    /// <summary>A file that has just arrived; the run that adds it holds its intake.</summary>
    public static Delivery Receive(string id, DeliveryPath path, DeliveryFileInfo file, DateTimeOffset now) => new()
    {
        Id = id,
        Bestuursnummer = path.Bestuursnummer ?? throw new ArgumentException("Only a file in a board's folder is a delivery.", nameof(path)),
        Path = path.Value,
        FileName = path.FileName,
        FileVersion = file.Version,
        UploadedAt = file.LastModified,
        Status = DeliveryStatus.Ontvangen,
        ReceivedAt = now,
        IntakeAttempt = 1,
        ChangedAt = now,
    };

    /// <summary>Whether a run is busy with the intake: it is <c>ontvangen</c> and showed life within <paramref name="stallAfter"/>.</summary>
    public bool IntakeInProgress(DateTimeOffset now, TimeSpan stallAfter) =>
        Status == DeliveryStatus.Ontvangen && ChangedAt > now - stallAfter;

    /// <summary>Whether nothing moved for <paramref name="stallAfter"/> before it was validated or while it waits to be forwarded.</summary>
    public bool IntakeStalled(DateTimeOffset now, TimeSpan stallAfter) =>
        Status is DeliveryStatus.Ontvangen or DeliveryStatus.Gevalideerd && ChangedAt <= now - stallAfter;

    /// <summary>
    /// Whether this delivery holds its content for the board: a later delivery of the same content is <c>dubbel</c>.
    /// Only a delivery that forwards (or may still) holds it, until it gives it up; a rejected or abandoned one never does.
    /// </summary>
    public bool HoldsContent(DateTimeOffset now, TimeSpan stallAfter) =>
        (ContentHash is not null && Status is DeliveryStatus.Gevalideerd or DeliveryStatus.Doorsturen or DeliveryStatus.Afgerond)
        || IntakeInProgress(now, stallAfter);

    /// <summary>
    /// Gives the content claim up although the delivery forwarded: the retention removed the rows of one of its dead
    /// letters, so the board delivers those teachers again and the same file is taken in, not turned away as <c>dubbel</c>.
    /// </summary>
    public Delivery? GiveUpContent() => ContentHash is null ? null : this with { ContentHash = null };

    /// <summary>A new run takes the intake on from one that stopped moving.</summary>
    public Delivery? TakeOverIntake(DateTimeOffset now) =>
        Status == DeliveryStatus.Ontvangen ? this with { IntakeAttempt = IntakeAttempt + 1, ChangedAt = now } : null;

    /// <summary>The running intake shows it is alive.</summary>
    public Delivery? IntakeProgressed(DateTimeOffset now) =>
        Status == DeliveryStatus.Ontvangen ? this with { ChangedAt = now } : null;

    /// <summary>A run that failed lets go at once, so the next run takes over without waiting for the stall time.</summary>
    public Delivery? IntakeFailed() =>
        Status == DeliveryStatus.Ontvangen ? this with { ChangedAt = DateTimeOffset.UnixEpoch } : null;

    /// <summary>
    /// Validated: <c>gevalideerd</c> with its batches, <c>proef</c> for a trial, or <c>afgewezen</c> when the file or
    /// every row was rejected (its stored rows and content claim are gone before this is written).
    /// </summary>
    public Delivery? Validated(Terugmelding report, int batches, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Status != DeliveryStatus.Ontvangen)
        {
            return null;
        }

        var accepted = report.Status != TerugmeldingStatus.Afgewezen;
        var status = IsTrial ? DeliveryStatus.Proef : accepted ? DeliveryStatus.Gevalideerd : DeliveryStatus.Afgewezen;
        return this with
        {
            Status = status,
            ChangedAt = now,
            CompletedAt = status.IsFinal() ? now : null,
            ContentHash = accepted ? ContentHash : null,
            Reason = accepted ? null : report.Meldingen.FirstOrDefault(m => m.Regel is null && m.Ernst == Ernst.Fout)?.Tekst ?? "Geen enkele regel is goedgekeurd.",
            Counts = new DeliveryCounts
            {
                Rows = report.AantalRegels,
                Accepted = report.AantalGoedgekeurd,
                Rejected = report.AantalAfgekeurd,
                Batches = status == DeliveryStatus.Gevalideerd ? batches : 0,
            },
        };
    }

    /// <summary>The same content was delivered before by the same board, and that delivery forwards it.</summary>
    public Delivery? Duplicate(string earlierId, DateTimeOffset now) =>
        Status == DeliveryStatus.Ontvangen
            ? this with { Status = DeliveryStatus.Dubbel, ChangedAt = now, CompletedAt = now, ContentHash = null, Reason = $"Dezelfde inhoud als aanlevering {earlierId}." }
            : null;

    /// <summary>
    /// The intake cannot finish: the file was replaced or removed before it was read, or every run failed. Nothing is
    /// forwarded; the rows stored so far and the content claim are gone before this is written.
    /// </summary>
    public Delivery? Abandoned(string reason, DateTimeOffset now) =>
        Status is DeliveryStatus.Ontvangen or DeliveryStatus.Gevalideerd
            ? this with { Status = DeliveryStatus.Afgewezen, ChangedAt = now, CompletedAt = now, ContentHash = null, Reason = reason, Counts = Counts with { Batches = 0 } }
            : null;

    /// <summary>The batches are about to be queued.</summary>
    public Delivery? StartForwarding(DateTimeOffset now) =>
        Status == DeliveryStatus.Gevalideerd ? this with { Status = DeliveryStatus.Doorsturen, ChangedAt = now } : null;

    /// <summary>
    /// Every batch has its final answer: <c>afgerond</c> with the counts summed from the batches. A delivery that was
    /// closed already is closed again when its batches say otherwise now (a batch answered after it was given up).
    /// Null while a batch is open, or when nothing changed.
    /// </summary>
    public Delivery? Close(BatchTally tally, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (tally.Open > 0 || Status is not (DeliveryStatus.Doorsturen or DeliveryStatus.Afgerond))
        {
            return null;
        }

        var counts = tally.ApplyTo(Counts);
        return Status == DeliveryStatus.Afgerond && counts == Counts
            ? null
            : this with { Status = DeliveryStatus.Afgerond, Counts = counts, CompletedAt = now, ChangedAt = now };
    }

    /// <summary>A batch of a closed delivery is forwarded again (a replay, a late answer): it is forwarding until closed again.</summary>
    public Delivery? Reopen(DateTimeOffset now) =>
        Status == DeliveryStatus.Afgerond ? this with { Status = DeliveryStatus.Doorsturen, CompletedAt = null, ChangedAt = now } : null;

    /// <summary>Whether the retention period of a final delivery has passed: its rows, batches and claim are removed.</summary>
    public bool HasExpired(DateTimeOffset now, TimeSpan keepFor) =>
        Status.IsFinal() && CompletedAt is { } completed && completed <= now - keepFor;
}
