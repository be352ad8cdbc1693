namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Where a delivery (<i>aanlevering</i>) stands. The member names are the Dutch contract words; they are
/// written in lower case wherever a board or a system reads them.
/// </summary>
public enum DeliveryStatus
{
    /// <summary>The file arrived; validation has not finished.</summary>
    Ontvangen,

    /// <summary>Validated; the valid rows are stored and waiting to be forwarded.</summary>
    Gevalideerd,

    /// <summary>Batches are on their way to the register.</summary>
    Doorsturen,

    /// <summary>Every batch got a final answer.</summary>
    Afgerond,

    /// <summary>Nothing was forwarded: the file, or every row in it, was rejected (or it was replaced before it was read).</summary>
    Afgewezen,

    /// <summary>A trial delivery: validated and reported, never forwarded.</summary>
    Proef,

    /// <summary>The same content was delivered before by the same board; nothing is forwarded again.</summary>
    Dubbel,
}

public static class DeliveryStatusExtensions
{
    /// <summary>The status as the contract spells it (lower case Dutch).</summary>
    public static string ToContract(this DeliveryStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Nothing more happens to a delivery in a final status, unless an operator replays one of its batches.</summary>
    public static bool IsFinal(this DeliveryStatus status) =>
        status is DeliveryStatus.Afgerond or DeliveryStatus.Afgewezen or DeliveryStatus.Proef or DeliveryStatus.Dubbel;
}
