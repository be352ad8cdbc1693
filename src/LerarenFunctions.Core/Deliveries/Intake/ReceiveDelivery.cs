using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Takes a delivered file in: validates it, stores its valid rows in batches, writes the terugmelding and queues one
/// claim-check message per batch. Every intake ends in a final status or is resumed: the delivery id comes from the
/// blob's path and version, so a trigger that fires again (or the upload check) finds the same delivery; one run at a
/// time holds the intake and shows it is alive; a run that fails lets go at once; a run that died is taken over by the
/// next one (or the periodic check) after <see cref="IntakeOptions.StallAfter"/>; a replaced file, or one whose every
/// run failed, ends as <c>afgewezen</c>. Whatever a run stored before it stopped is removed by the run that takes over.
/// A run that was taken over while still alive stops before it removes anything or writes a report (<see cref="IntakeRun"/>).
/// In parts: finding the delivery and the run that holds it (here), validating and storing it, and the endings
/// without forwarding.
/// </summary>
public sealed partial class ReceiveDelivery(
    IDeliveryFiles files,
    IDeliveryStore deliveries,
    IBatchStore batches,
    IForwardingQueue queue,
    ContentClaiming contentClaiming,
    DeliveryReports reports,
    TeacherFileValidator validator,
    BoardCheck boardCheck,
    Notifications notifications,
    CloseDelivery closeDelivery,
    IOptions<ForwardingOptions> forwarding,
    IOptions<IntakeOptions> intake,
    LerarenMetrics metrics,
    TimeProvider time,
    ILogger<ReceiveDelivery> logger)
{
    private readonly int _batchSize = forwarding.Value.BatchSize;
    private readonly IntakeOptions _intake = intake.Value;

    /// <param name="path">The file's path below the uploads container, exactly as stored.</param>
    /// <param name="cancellationToken">Stops the work; a later run resumes it.</param>
    public async Task HandleAsync(string path, CancellationToken cancellationToken)
    {
        var deliveryPath = DeliveryPath.Parse(path);
        if (deliveryPath.Problem != PathProblem.None)
        {
            await RejectPathAsync(deliveryPath, cancellationToken);
            return;
        }

        var file = await files.GetInfoAsync(path, cancellationToken);
        if (file is null)
        {
            LogFileGone(logger, PersonalData.MaskDigitRuns(path));
            return;
        }

        var id = deliveryPath.DeliveryId(file.Version);
        using var work = DeliveryWork.Start(logger, nameof(ReceiveDelivery), id);
        try
        {
            if (await deliveries.TryAddAsync(Delivery.Receive(id, deliveryPath, file, time.GetUtcNow()), cancellationToken) is { } added)
            {
                metrics.DeliveryReceived();
                await TakeInAsync(Hold(added), file, cancellationToken);
            }
            else if (await deliveries.GetAsync(id, cancellationToken) is { } existing)
            {
                await ResumeHeldAsync(existing, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            work.Fail(ex);
            throw;
        }
    }

    /// <summary>
    /// Picks up a delivery found again: by a second trigger, the upload check, or the periodic check of deliveries that
    /// stopped moving. An intake that is alive is left alone.
    /// </summary>
    public async Task ResumeAsync(Stored<Delivery> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        using var work = DeliveryWork.Start(logger, nameof(ReceiveDelivery), stored.Value.Id);
        try
        {
            await ResumeHeldAsync(stored, cancellationToken);
        }
        catch (Exception ex)
        {
            work.Fail(ex);
            throw;
        }
    }

    /// <summary><see cref="ResumeAsync"/> within a span that is open already.</summary>
    private async Task ResumeHeldAsync(Stored<Delivery> stored, CancellationToken cancellationToken)
    {
        var delivery = stored.Value;
        switch (delivery.Status)
        {
            case DeliveryStatus.Ontvangen when delivery.IntakeInProgress(time.GetUtcNow(), _intake.StallAfter):
                LogBusy(logger, delivery.Id);
                break;
            case DeliveryStatus.Ontvangen:
                await TakeOverAsync(stored, cancellationToken);
                break;
            case DeliveryStatus.Gevalideerd:
                await ForwardAsync(stored, cancellationToken);
                break;
            default:
                LogSeenAgain(logger, delivery.Id, delivery.Status);
                break;
        }
    }

    private async Task TakeOverAsync(Stored<Delivery> stored, CancellationToken cancellationToken)
    {
        if (stored.Value.TakeOverIntake(time.GetUtcNow()) is not { } next
            || await deliveries.TryReplaceAsync(stored, next, cancellationToken) is not { } taken)
        {
            // Another run took it on first.
            return;
        }

        var run = Hold(taken);
        var delivery = taken.Value;
        LogTakenOver(logger, delivery.Id, delivery.IntakeAttempt);
        if (delivery.IntakeAttempt > _intake.MaxAttempts)
        {
            LogGivenUp(logger, delivery.Id, delivery.IntakeAttempt - 1);
            await AbandonAsync(run, IntakeMeldingen.VerwerkingMislukt(delivery.IntakeAttempt - 1), byName: true, cancellationToken);
            return;
        }

        var file = await files.GetInfoAsync(delivery.Path, cancellationToken);
        if (file is null || file.Version != delivery.FileVersion)
        {
            LogReplaced(logger, delivery.Id);
            await AbandonAsync(run, IntakeMeldingen.Vervangen(), byName: false, cancellationToken);
            return;
        }

        await TakeInAsync(run, file, cancellationToken);
    }

    private async Task TakeInAsync(IntakeRun run, DeliveryFileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            if (await ValidateAsync(run, file, cancellationToken) is { Value.Status: DeliveryStatus.Gevalideerd } validated)
            {
                await ForwardAsync(validated, cancellationToken);
            }
        }
        catch (IntakeLostException)
        {
            LogLost(logger, run.Lease.Value.Id);
        }
        catch (DeliveryFileChangedException)
        {
            LogReplaced(logger, run.Lease.Value.Id);
            await AbandonAsync(run, IntakeMeldingen.Vervangen(), byName: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await run.LetGoAsync();
            throw;
        }
    }

    /// <summary>This run's hold on the intake of <paramref name="held"/>, which it has just written.</summary>
    private IntakeRun Hold(Stored<Delivery> held) => new(held, deliveries, _intake.StallAfter, time);

    /// <summary>Starts forwarding a validated delivery: <c>doorsturen</c> is written before the first message is queued.</summary>
    private async Task ForwardAsync(Stored<Delivery> validated, CancellationToken cancellationToken)
    {
        // A run that stops after this write leaves batches without a message: the periodic check queues them again.
        if (validated.Value.StartForwarding(time.GetUtcNow()) is not { } next
            || await deliveries.TryReplaceAsync(validated, next, cancellationToken) is not { } forwarding)
        {
            return;
        }

        var delivery = forwarding.Value;
        var queued = await queue.QueueAsync(batches.ListOpenAsync(delivery.Id, cancellationToken), delivery.Counts.Batches, cancellationToken);
        LogForwarding(logger, delivery.Id, queued);
        metrics.DeliveryForwarded();
        if (queued == 0)
        {
            await closeDelivery.HandleAsync(delivery.Id, cancellationToken);
        }
    }
}
