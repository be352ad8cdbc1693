using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

// The endings that forward nothing: the same content forwards already, the intake cannot finish, the path is no delivery.
public sealed partial class ReceiveDelivery
{
    private async Task<Stored<Delivery>> RejectDuplicateAsync(IntakeRun run, string earlierId, CancellationToken cancellationToken)
    {
        await run.EnsureHeldAsync(cancellationToken);
        var delivery = run.Lease.Value;
        await reports.PublishAsync(delivery, IntakeMeldingen.Rejection(delivery.FileName, delivery.Bestuursnummer.Value, IntakeMeldingen.Dubbel(earlierId)), byName: true, cancellationToken);
        var duplicate = delivery.Duplicate(earlierId, time.GetUtcNow()) ?? throw new IntakeLostException();
        var written = await deliveries.TryReplaceAsync(run.Lease, duplicate, cancellationToken) ?? throw new IntakeLostException();
        LogDuplicate(logger, delivery.Id, earlierId);
        metrics.DeliveryCompleted(written.Value.Status.ToContract());
        return written;
    }

    /// <summary>Ends an intake that cannot finish: its stored rows and content claim go, its report says why.</summary>
    private async Task AbandonAsync(IntakeRun run, Melding melding, bool byName, CancellationToken cancellationToken)
    {
        try
        {
            // Nothing of what follows is conditional on the delivery, and a run that was taken over while it was still
            // alive shares the delivery's id, rows, claim and report with the run that took over.
            await run.EnsureHeldAsync(cancellationToken);
        }
        catch (IntakeLostException)
        {
            LogLost(logger, run.Lease.Value.Id);
            return;
        }

        var delivery = run.Lease.Value;
        await batches.DeleteAllAsync(delivery.Id, cancellationToken);
        await contentClaiming.ReleaseAsync(delivery, cancellationToken);
        await reports.PublishAsync(delivery, IntakeMeldingen.Rejection(delivery.FileName, delivery.Bestuursnummer.Value, melding), byName, cancellationToken);
        if (delivery.Abandoned(melding.Tekst, time.GetUtcNow()) is { } abandoned
            && await deliveries.TryReplaceAsync(run.Lease, abandoned, cancellationToken) is not null)
        {
            LogAbandoned(logger, delivery.Id, melding.Code);
            metrics.DeliveryCompleted(abandoned.Status.ToContract());
        }
        else
        {
            LogLost(logger, delivery.Id);
        }
    }

    private async Task RejectPathAsync(DeliveryPath path, CancellationToken cancellationToken)
    {
        var (melding, board) = path.Problem == PathProblem.InvalidName
            ? (IntakeMeldingen.OngeldigeNaam(path.Value), Bestuursnummer.TryParseExact(path.Folder, out var b) ? b.Value : string.Empty)
            : (IntakeMeldingen.GeenBestuursmap(path.Folder), PersonalData.MaskDigitRuns(path.Folder));
        LogNoDelivery(logger, PersonalData.MaskDigitRuns(path.Value), melding.Code);
        await reports.RejectAsync(path.TerugmeldingPath, IntakeMeldingen.Rejection(path.FileName, board, melding), cancellationToken);
    }
}
