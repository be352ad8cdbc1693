namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// One run's hold on a delivery's intake: the delivery as this run last wrote it. Every write of the run to the
/// delivery is conditional on it, so a run that was taken over notices at its next such write and stops; before a
/// write that is not (removing rows or a claim, writing a report) it makes sure it still holds the intake.
/// </summary>
internal sealed class IntakeRun(Stored<Delivery> lease, IDeliveryStore deliveries, TimeSpan stallAfter, TimeProvider time)
{
    public Stored<Delivery> Lease { get; private set; } = lease;

    /// <summary>Whether this run stored batches (removed again when the file is rejected as a whole).</summary>
    public bool StoredBatches { get; set; }

    /// <exception cref="IntakeLostException">Another run took the intake over.</exception>
    public async Task ProgressAsync(Func<Delivery, Delivery?> change, CancellationToken cancellationToken)
    {
        var next = change(Lease.Value) ?? throw new IntakeLostException();
        Lease = await deliveries.TryReplaceAsync(Lease, next, cancellationToken) ?? throw new IntakeLostException();
    }

    /// <summary>
    /// Makes sure this run still holds the intake before it removes anything or writes a report. A run that wrote
    /// within half the stall time cannot have been taken over (another run waits the whole stall time), so it writes
    /// nothing more; one that did not may have been taken over while it was still alive (a long pause, a slow read), so
    /// it shows life first, under the condition of its last write.
    /// </summary>
    /// <exception cref="IntakeLostException">Another run took the intake over.</exception>
    public Task EnsureHeldAsync(CancellationToken cancellationToken) =>
        time.GetUtcNow() - Lease.Value.ChangedAt < stallAfter / 2
            ? Task.CompletedTask
            : ProgressAsync(d => d.IntakeProgressed(time.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Lets go after a failure, so the next run (the trigger's retry, the periodic check) takes over at once instead of
    /// after the stall time. Best effort: when even this fails, the stall time does the same.
    /// </summary>
    public async Task LetGoAsync()
    {
        try
        {
            if (Lease.Value.IntakeFailed() is { } released)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
                await deliveries.TryReplaceAsync(Lease, released, timeout.Token);
            }
        }
        catch (Exception)
        {
            // The original failure is what matters; it is rethrown by the caller.
        }
    }
}

/// <summary>Another run took the intake over; this run stops without writing anything more.</summary>
internal sealed class IntakeLostException() : Exception("Another run took the intake over.");
