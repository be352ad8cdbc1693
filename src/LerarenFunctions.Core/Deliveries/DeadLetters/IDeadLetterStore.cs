namespace LerarenFunctions.Core.Deliveries;

/// <summary>The dead letters. Loads and saves only.</summary>
public interface IDeadLetterStore
{
    /// <summary>Adds or replaces the dead letter of a batch.</summary>
    Task SaveAsync(DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Removes the dead letter of a batch, if there is one.</summary>
    Task DeleteAsync(string deliveryId, int batch, CancellationToken cancellationToken);

    /// <summary>Removes every dead letter of a delivery (it expired).</summary>
    Task DeleteAllAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Every dead letter, oldest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken);
}
