using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Reminders;

/// <summary>What the reminders need to know of one board's deliveries.</summary>
/// <remarks>
/// <para><c>LastForwardedReceivedAt</c>: When the newest delivery that reached the register was received.</para>
/// <para><c>Latest</c>: The newest real attempt (forwarded or rejected as a whole), by the time it was received.</para>
/// <para><c>InProgress</c>: A delivery (not a trial) is being validated or forwarded right now.</para>
/// </remarks>
public sealed record BoardDeliveries(DateTimeOffset? LastForwardedReceivedAt, FinishedDelivery? Latest, bool InProgress)
{
    public static BoardDeliveries None { get; } = new(null, null, false);

    /// <summary>
    /// Folds the finished deliveries (any order) and the ids of unfinished non-trial deliveries into one summary per board.
    /// </summary>
    public static Dictionary<Bestuursnummer, BoardDeliveries> Of(IEnumerable<FinishedDelivery> finished, IEnumerable<Bestuursnummer> inProgress)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(inProgress);
        var byBoard = new Dictionary<Bestuursnummer, BoardDeliveries>();
        foreach (var delivery in finished.Where(d => d.IsAttempt))
        {
            var known = byBoard.GetValueOrDefault(delivery.Bestuursnummer, None);
            byBoard[delivery.Bestuursnummer] = known with
            {
                LastForwardedReceivedAt = delivery.Forwarded && (known.LastForwardedReceivedAt is null || delivery.ReceivedAt > known.LastForwardedReceivedAt)
                    ? delivery.ReceivedAt
                    : known.LastForwardedReceivedAt,
                Latest = known.Latest is null || delivery.ReceivedAt > known.Latest.ReceivedAt ? delivery : known.Latest,
            };
        }

        foreach (var board in inProgress)
        {
            byBoard[board] = byBoard.GetValueOrDefault(board, None) with { InProgress = true };
        }

        return byBoard;
    }
}
