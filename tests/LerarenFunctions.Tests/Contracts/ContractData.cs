using System.Globalization;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Tests.Contracts;

/// <summary>
/// Values for the contract tests. The Azurite of the storage collection is shared, so every test makes ids of its own
/// and looks only at those in a listing.
/// </summary>
internal static class ContractData
{
    public static readonly Bestuursnummer Board = Bestuursnummer.Parse("10053");

    /// <summary>A moment with all seven digits of a second, to show what a store keeps of it.</summary>
    public static readonly DateTimeOffset Moment = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary><see cref="Moment"/> plus 0.5897932 seconds: every tick a DateTimeOffset can hold.</summary>
    public static DateTimeOffset PreciseMoment => Moment.AddTicks(5_897_932);

    /// <summary>A delivery id of the real form: the board and 24 hex digits.</summary>
    public static string DeliveryId() => $"{Board.Value}-{Guid.NewGuid():N}"[..30];

    /// <summary>A random board folder: not 10053, which the integration tests use.</summary>
    public static Bestuursnummer RandomBoard() =>
        Bestuursnummer.Parse(Random.Shared.Next(20000, 100000).ToString(CultureInfo.InvariantCulture));

    /// <summary>A delivery with every property set to something that is not its default.</summary>
    public static Delivery Delivery(string id, DeliveryStatus status = DeliveryStatus.Ontvangen, DateTimeOffset? completedAt = null) => new()
    {
        Id = id,
        Bestuursnummer = Board,
        Path = $"{Board.Value}/proef/leraren-{id}.csv",
        FileName = $"proef/leraren-{id}.csv",
        FileVersion = "\"0x8DE5B2C3A1F4E77\"",
        UploadedAt = PreciseMoment.AddMinutes(-3),
        Status = status,
        ReceivedAt = PreciseMoment.AddMinutes(-2),
        CompletedAt = completedAt ?? (status.IsFinal() ? PreciseMoment : null),
        ChangedAt = PreciseMoment.AddMinutes(-1),
        Reason = status.IsFinal() ? "Geen enkele regel is goedgekeurd." : null,
        ContentHash = status.IsFinal() ? null : new string('a', 64),
        IntakeAttempt = 3,
        Counts = new DeliveryCounts
        {
            Rows = 101,
            Accepted = 97,
            Rejected = 4,
            Batches = 2,
            BatchesCompleted = 1,
            Forwarded = 50,
            Registered = 48,
            RejectedByRegister = 2,
            Failed = 47,
        },
    };

    /// <summary>The same delivery with a final status, completed at <paramref name="completedAt"/>.</summary>
    public static Delivery Completed(Delivery delivery, DateTimeOffset completedAt, DeliveryStatus status = DeliveryStatus.Afgerond) =>
        delivery with { Status = status, CompletedAt = completedAt, ChangedAt = completedAt, ContentHash = null };
}
