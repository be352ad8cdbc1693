using LerarenFunctions.Core.Files;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// Writes the terugmeldingen. Every delivery has its own (<see cref="Delivery.TerugmeldingPath"/>), which no other
/// delivery ever writes; the report by file name (<see cref="Delivery.LatestTerugmeldingPath"/>) is a copy of the
/// newest upload of that name, for boards that look by name: an older delivery that finishes later never overwrites
/// the report of a newer one. The newest upload is the file that is at the path now (upload times have whole seconds,
/// too coarse to order two uploads in one second); once it is gone, the later upload time wins.
/// </summary>
public sealed partial class DeliveryReports(ITerugmeldingStore store, IDeliveryFiles files, ILogger<DeliveryReports> logger)
{
    /// <summary>
    /// The report of a validated delivery, written by the run that holds its intake; also by name unless
    /// <paramref name="byName"/> is false (a replaced file: its newer version has the name).
    /// </summary>
    public async Task PublishAsync(Delivery delivery, Terugmelding report, bool byName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        report = report with { AanleveringId = delivery.Id };
        await store.WriteAsync(delivery.Terugmelding, report, Owner(delivery), cancellationToken);
        if (byName && !await PublishByNameAsync(delivery, report, cancellationToken))
        {
            throw new WriteConflictException($"The terugmelding by name of delivery {delivery.Id} kept changing while it was written.");
        }
    }

    /// <summary>The report of a file that is no delivery; written once, a second run for the same file leaves it.</summary>
    public Task RejectAsync(string path, Terugmelding report, CancellationToken cancellationToken) =>
        store.TryWriteAsync(TerugmeldingLocation.FromPath(path), report, owner: null, expected: null, cancellationToken);

    /// <summary>
    /// Completes the delivery's report with the register's answer per row (and its copy by name, when it is the newest).
    /// False when another writer changed it in between: the caller reads again and decides again. A closer that read
    /// the batches before a late answer came in can write an out-of-date report, but only while nobody wrote after its
    /// read; the closer that follows the late answer then finds the report out of date and writes it again.
    /// </summary>
    public async Task<bool> CompleteAsync(Delivery delivery, IReadOnlyList<RegisterResultaat> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var stored = await store.ReadAsync(delivery.Terugmelding, cancellationToken);
        if (stored is null)
        {
            LogMissing(logger, delivery.Id);
            return true;
        }

        var completed = stored.Report with { AanleveringId = delivery.Id, RegisterResultaten = results };
        if (!SameResults(stored.Report.RegisterResultaten, results))
        {
            if (!await store.TryWriteAsync(delivery.Terugmelding, completed, Owner(delivery), stored.Info, cancellationToken))
            {
                return false;
            }
        }

        return await PublishByNameAsync(delivery, completed, cancellationToken);
    }

    private async Task<bool> PublishByNameAsync(Delivery delivery, Terugmelding report, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt <= Conflicts.MaxRetries; attempt++)
        {
            var file = await files.GetInfoAsync(delivery.Path, cancellationToken);
            if (file is not null && file.Version != delivery.FileVersion)
            {
                // Replaced: the newer version is another delivery, which shows its own report by this name.
                return true;
            }

            var current = await store.GetInfoAsync(delivery.LatestTerugmelding, cancellationToken);
            if (file is null && current?.Owner is { } owner && IsNewer(owner, delivery))
            {
                return true;
            }

            if (await store.TryWriteAsync(delivery.LatestTerugmelding, report, Owner(delivery), current, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the copy by name belongs to a later upload than <paramref name="delivery"/>, when neither file is there to tell.</summary>
    private static bool IsNewer(TerugmeldingOwner owner, Delivery delivery) =>
        owner.DeliveryId != delivery.Id
        && (owner.UploadedAt > delivery.UploadedAt || (owner.UploadedAt == delivery.UploadedAt && string.CompareOrdinal(owner.DeliveryId, delivery.Id) > 0));

    private static TerugmeldingOwner Owner(Delivery delivery) => new(delivery.Id, delivery.UploadedAt);

    private static bool SameResults(IReadOnlyList<RegisterResultaat>? stored, IReadOnlyList<RegisterResultaat> results) =>
        stored is not null && stored.SequenceEqual(results);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} has no terugmelding to complete")]
    private static partial void LogMissing(ILogger logger, string deliveryId);
}
