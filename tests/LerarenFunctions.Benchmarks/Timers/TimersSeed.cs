using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Specialized;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Benchmarks.Timers;

/// <summary>
/// Fills the storage the way the app leaves it, through the app's own adapters, so every row, index row and removed
/// index row is the one production writes: per delivery an upload (a small blob in a board's folder), the content
/// claim, its one batch with the register's answers, and the delivery in its final state (its row and the index row
/// <c>afgerond-{time}-{id}</c>). The states before (received, validated, forwarding) are skipped: they leave nothing
/// behind in storage (the <c>lopend-{id}</c> index row goes when the delivery is final), and writing each of them would
/// multiply the seed's time on Azurite, whose every write of a delivery row reads all of them (see the report).
/// </summary>
internal sealed class TimersSeed(IServiceProvider services, int parallelism)
{
    /// <summary>Rows per delivery: one full batch.</summary>
    private const int RowsPerDelivery = 100;

    private static readonly string[] Brins = ["12AB", "34CD", "56EF", "78GH"];

    private readonly StorageClients _clients = services.GetRequiredService<StorageClients>();
    private readonly IDeliveryStore _deliveries = services.GetRequiredService<IDeliveryStore>();
    private readonly IBatchStore _batches = services.GetRequiredService<IBatchStore>();
    private readonly IContentClaims _claims = services.GetRequiredService<IContentClaims>();
    private readonly IDeadLetterStore _deadLetters = services.GetRequiredService<IDeadLetterStore>();

    /// <summary>One batch's rows (synthetic BSNs that pass the eleven test), for open and dead-lettered batches.</summary>
    private readonly PackedRecords _records = PackedRecords.Pack(Records());

    /// <summary>The register's answer for a full batch, as an answered batch keeps it.</summary>
    private readonly IReadOnlyList<RegisterResultaat> _answers =
    [
        .. Enumerable.Range(2, RowsPerDelivery).Select(row => new RegisterResultaat(
            row, $"R{row}", RecordOutcome.Geregistreerd.ToContract(), string.Create(CultureInfo.InvariantCulture, $"REG-{row:D8}"), null)),
    ];

    /// <summary>
    /// Uploads <paramref name="count"/> small files, numbered from <paramref name="first"/>, spread over
    /// <paramref name="boards"/> board folders, as boards drop them, so many at a time.
    /// </summary>
    public async Task<IReadOnlyList<Upload>> UploadAsync(int first, int count, int boards, CancellationToken cancellationToken)
    {
        var container = _clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer);
        var uploads = new Upload[count];
        var progress = new Progress("uploads", count);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Options(cancellationToken), async (k, ct) =>
        {
            var n = first + k;
            var board = (10000 + (n % boards)).ToString("D5", CultureInfo.InvariantCulture);
            var path = DeliveryPath.Parse(string.Create(CultureInfo.InvariantCulture, $"{board}/leraren-{n:D7}.csv"));
            var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{SyntheticTeacherFile.Header}\r\nsynthetisch bestand {n}\r\n"));
            using var stream = new MemoryStream(content, writable: false);
            var uploaded = await container.GetBlockBlobClient(path.Value).UploadAsync(stream, cancellationToken: ct);
            uploads[k] = new Upload(path, Version(uploaded.Value.ETag.ToString()), uploaded.Value.LastModified, Convert.ToHexStringLower(SHA256.HashData(content)));
            progress.Step();
        });
        return uploads;
    }

    /// <summary>
    /// A final (<c>afgerond</c>) delivery for each upload, completed at <paramref name="completedAt"/> (by index), with one
    /// answered batch; those <paramref name="deadLettered"/> (by index) have their batch given up instead, and a dead letter.
    /// </summary>
    public async Task AddFinishedAsync(
        IReadOnlyList<Upload> uploads, Func<int, DateTimeOffset> completedAt, Func<int, bool> deadLettered, CancellationToken cancellationToken)
    {
        var progress = new Progress("finished deliveries", uploads.Count);
        await Parallel.ForEachAsync(Enumerable.Range(0, uploads.Count), Options(cancellationToken), async (i, ct) =>
        {
            await AddFinishedAsync(uploads[i], completedAt(i), deadLettered(i), ct);
            progress.Step();
        });
    }

    /// <summary>
    /// Deliveries that are forwarding right now: <c>doorsturen</c>, their one batch open and moving (changed just now),
    /// so the periodic check reads them and finds nothing to do.
    /// </summary>
    public async Task AddForwardingAsync(IReadOnlyList<Upload> uploads, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(uploads, Options(cancellationToken), async (upload, ct) =>
        {
            var received = await AddReceivedAsync(upload, now.AddMinutes(-2), ct);
            var forwarding = received.Value with
            {
                Status = DeliveryStatus.Doorsturen,
                ChangedAt = now,
                ContentHash = upload.ContentHash,
                Counts = new DeliveryCounts { Rows = RowsPerDelivery, Accepted = RowsPerDelivery, Batches = 1 },
            };
            _ = await _deliveries.TryReplaceAsync(received, forwarding, ct) ?? throw Conflict(upload);
            var batch = Batch.Open(received.Value.Id, 1, upload.Path.Bestuursnummer!.Value, _records, now);
            _ = await _batches.TryAddAsync([batch], ct) ?? throw Conflict(upload);
        });

    /// <summary>
    /// Final deliveries whose files are long gone (the lifecycle rule removed the uploads): only their rows, with
    /// made-up file versions. For a retention run that has something to remove.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddExpiredAsync(int first, int count, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(first, count), Options(cancellationToken), async (n, ct) =>
        {
            var path = DeliveryPath.Parse(string.Create(CultureInfo.InvariantCulture, $"{10000 + (n % 100):D5}/verlopen-{n:D7}.csv"));
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path.Value)));
            var upload = new Upload(path, string.Create(CultureInfo.InvariantCulture, $"\"0x8DD{n:X12}\""), completedAt.AddHours(-1), hash);
            await AddFinishedAsync(upload, completedAt.AddMinutes(-n % 600), deadLettered: false, ct);
            ids.Add(path.DeliveryId(upload.Version));
        });
        return [.. ids];
    }

    private async Task AddFinishedAsync(Upload upload, DateTimeOffset completedAt, bool deadLettered, CancellationToken cancellationToken)
    {
        var received = await ClaimAsync(upload, completedAt.AddMinutes(-5), cancellationToken);
        var id = received.Id;
        var bestuur = upload.Path.Bestuursnummer!.Value;
        var batch = deadLettered
            ? Batch.Open(id, 1, bestuur, _records, completedAt.AddMinutes(-4)).GiveUp(DeadLetterReasons.AttemptsUsedUp, 10, "HTTP 503", completedAt)!
            : Batch.Answered(id, 1, bestuur, _answers, 0, completedAt);
        _ = await _batches.TryAddAsync([batch], cancellationToken) ?? throw Conflict(upload);
        if (deadLettered)
        {
            await _deadLetters.SaveAsync(new DeadLetter(id, 1, DeadLetterReasons.AttemptsUsedUp, 10, "HTTP 503", completedAt), cancellationToken);
        }

        var completed = received with
        {
            Status = DeliveryStatus.Afgerond,
            CompletedAt = completedAt,
            ChangedAt = completedAt,
            ContentHash = upload.ContentHash,
            Counts = new DeliveryCounts
            {
                Rows = RowsPerDelivery,
                Accepted = RowsPerDelivery,
                Batches = 1,
                BatchesCompleted = 1,
                Forwarded = deadLettered ? 0 : RowsPerDelivery,
                Registered = deadLettered ? 0 : RowsPerDelivery,
                Failed = deadLettered ? RowsPerDelivery : 0,
            },
        };
        _ = await _deliveries.TryAddAsync(completed, cancellationToken) ?? throw Conflict(upload);
    }

    /// <summary>The delivery as the intake receives it, with its content claim.</summary>
    private async Task<Delivery> ClaimAsync(Upload upload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var file = new DeliveryFileInfo(upload.Path.Value, upload.Version, 200, upload.LastModified);
        var delivery = Delivery.Receive(upload.Path.DeliveryId(upload.Version), upload.Path, file, receivedAt);
        return await _claims.TryAddAsync(new ContentClaim(delivery.Bestuursnummer, upload.ContentHash, delivery.Id, receivedAt), cancellationToken)
            ? delivery
            : throw Conflict(upload);
    }

    /// <summary>The content claim and the delivery as the intake adds it (<c>ontvangen</c>, indexed as <c>lopend-{id}</c>).</summary>
    private async Task<Stored<Delivery>> AddReceivedAsync(Upload upload, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        await _deliveries.TryAddAsync(await ClaimAsync(upload, receivedAt, cancellationToken), cancellationToken) ?? throw Conflict(upload);

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };

    private static InvalidOperationException Conflict(Upload upload) =>
        new($"Seeding {upload.Path.Value}: a row existed already (seeding an Azurite that is not empty?).");

    /// <summary>The version as the app derives the delivery id from it: the ETag with its quotes, as a listing gives it too.</summary>
    private static string Version(string etag) => etag.StartsWith('"') ? etag : $"\"{etag}\"";

    private static List<TeacherRecord> Records()
    {
        var records = new List<TeacherRecord>(RowsPerDelivery);
        foreach (var (text, row) in SyntheticTeacherFile.Bsns().Take(RowsPerDelivery).Select((b, i) => (b, i + 2)))
        {
            if (!Bsn.TryParse(text, out var bsn) || !Brin.TryParse(Brins[row % Brins.Length], out var brin))
            {
                throw new InvalidOperationException("The synthetic BSNs and BRINs are valid by construction.");
            }

            records.Add(new TeacherRecord(row, bsn, brin, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [TeacherFileColumns.RegelId] = string.Create(CultureInfo.InvariantCulture, $"R{row}"),
                ["geslacht"] = row % 2 == 0 ? "V" : "M",
                ["geboortedatum"] = "1980-01-01",
                ["benoemingsgrondslag"] = "701",
                ["begindatum_benoeming"] = "2015-08-01",
                ["begindatum_dienstverband"] = "2015-08-01",
            }));
        }

        return records;
    }

    /// <summary>An uploaded file: its path, its version (the delivery id comes from both), when, and its content's hash.</summary>
    internal sealed record Upload(DeliveryPath Path, string Version, DateTimeOffset LastModified, string ContentHash);

    /// <summary>Prints a line per tenth done, with the rate so far.</summary>
    private sealed class Progress(string what, int total)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _done;

        public void Step()
        {
            var done = Interlocked.Increment(ref _done);
            if (total >= 1000 && done % (total / 10) == 0)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {what}: {done:N0} / {total:N0} after {_clock.Elapsed.TotalSeconds:0} s ({done / _clock.Elapsed.TotalSeconds:0}/s)"));
            }
        }
    }
}
