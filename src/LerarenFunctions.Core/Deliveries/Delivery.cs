using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>One delivered file and its progress. Counts are per row of the file.</summary>
public sealed record Delivery
{
    /// <summary>Derived from the blob (path and version), so a trigger that runs again finds the same delivery.</summary>
    public required string Id { get; init; }

    public required Bestuursnummer Bestuursnummer { get; init; }

    /// <summary>The file name as the board delivered it (below its board folder).</summary>
    public required string FileName { get; init; }

    public required DeliveryStatus Status { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DeliveryCounts Counts { get; init; } = new();

    /// <summary>Why a file was rejected as a whole, in Dutch; null otherwise.</summary>
    public string? Reason { get; init; }
}

/// <summary>The counts of a delivery. They only grow, batch by batch, under optimistic concurrency.</summary>
public sealed record DeliveryCounts
{
    /// <summary>Data rows in the file (empty rows excluded).</summary>
    public int Rows { get; init; }

    public int Accepted { get; init; }

    public int Rejected { get; init; }

    /// <summary>How many register batches the accepted rows were split into.</summary>
    public int Batches { get; init; }

    public int BatchesCompleted { get; init; }

    public int Forwarded { get; init; }

    public int Registered { get; init; }

    public int RejectedByRegister { get; init; }

    public int Failed { get; init; }
}
