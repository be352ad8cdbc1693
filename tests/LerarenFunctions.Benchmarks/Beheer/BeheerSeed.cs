using System.Diagnostics;
using System.Globalization;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Files;
using Microsoft.Extensions.DependencyInjection;

namespace LerarenFunctions.Benchmarks.Beheer;

/// <summary>
/// Fills the storage as the operators' page finds it in a busy season, through the app's own adapters, so every row and
/// index row is the one production writes: the boards (a share without a contact person, in the index of those), the
/// finished deliveries (each its row and its completion index row with the summary), deliveries under way with their
/// batches, dead-lettered batches with their dead letters, and e-mails given up. Finished deliveries are added in
/// their final state: the states before leave nothing behind that the page reads.
/// </summary>
internal sealed class BeheerSeed(IServiceProvider services, BeheerMeasurement.Settings settings, DateTimeOffset now)
{
    /// <summary>Batches of a delivery under way: enough for a progress bar to mean something.</summary>
    public const int BatchesUnderWay = 10;

    private const int RowsPerBatch = 100;

    private readonly IBoardStore _boards = services.GetRequiredService<IBoardStore>();
    private readonly IDeliveryStore _deliveries = services.GetRequiredService<IDeliveryStore>();
    private readonly IBatchStore _batches = services.GetRequiredService<IBatchStore>();
    private readonly IDeadLetterStore _deadLetters = services.GetRequiredService<IDeadLetterStore>();
    private readonly IOutboxStore _outbox = services.GetRequiredService<IOutboxStore>();
    private readonly PackedRecords _records = PackedRecords.Pack(Records());

    /// <summary>When the boards were imported: long enough ago that the ones without a contact person are reminded.</summary>
    public DateTimeOffset ImportedAt => now.AddDays(-30);

    /// <summary>
    /// The boards, numbered from 10000: every third of sector po, the others vo; <c>--zonder</c> percent without a
    /// contact person (the first of every hundred).
    /// </summary>
    public async Task BoardsAsync(CancellationToken cancellationToken)
    {
        var progress = new Progress("boards", settings.Boards);
        await Parallel.ForAsync(0, settings.Boards, Options(cancellationToken), async (i, ct) =>
        {
            var number = Board(i);
            var board = new Board
            {
                Bestuursnummer = number,
                Naam = $"Stichting {number.Value}",
                Plaatsnaam = "Voorbeeldstad",
                EmailAdres = Address($"bestuur{number.Value}@voorbeeld.example"),
                Sectors = [i % 3 == 0 ? Sector.Po : Sector.Vo],
                ImportedAt = ImportedAt,
                ChangedAt = ImportedAt,
                Contactpersoon = i % 100 < settings.WithoutContactPercent ? null : new ContactPerson($"C. {number.Value}", null, Address($"c{number.Value}@voorbeeld.example"), null),
                ContactpersoonSince = i % 100 < settings.WithoutContactPercent ? null : ImportedAt,
            };
            _ = await _boards.TryAddAsync(board, new BoardChange(number, ImportedAt, "meting", BoardChange.Bestuur, null, board.Describe()), ct)
                ?? throw Exists(number.Value);
            progress.Step();
        });
    }

    /// <summary>
    /// The finished deliveries, spread over the boards and over the last <c>--dagen</c> days: of every fifty, 42
    /// <c>afgerond</c>, 4 <c>afgewezen</c>, 3 <c>proef</c>, 1 <c>dubbel</c>.
    /// </summary>
    public async Task FinishedAsync(CancellationToken cancellationToken)
    {
        var progress = new Progress("finished deliveries", settings.Deliveries);
        await Parallel.ForAsync(0, settings.Deliveries, Options(cancellationToken), async (i, ct) =>
        {
            var completedAt = now.AddHours(-1).AddDays(-(i % settings.Days)).AddSeconds(-(i / settings.Days % 36_000));
            var status = (i % 50) switch
            {
                < 42 => DeliveryStatus.Afgerond,
                < 46 => DeliveryStatus.Afgewezen,
                < 49 => DeliveryStatus.Proef,
                _ => DeliveryStatus.Dubbel,
            };
            var rejected = status == DeliveryStatus.Afgewezen ? RowsPerBatch : i % 7;
            var delivery = Delivery(Board(i % settings.Boards), completedAt.AddMinutes(-5)) with
            {
                Status = status,
                CompletedAt = completedAt,
                ChangedAt = completedAt,
                Counts = Counts(status, rejected),
            };
            _ = await _deliveries.TryAddAsync(delivery, ct) ?? throw Exists(delivery.Id);
            progress.Step();
        });
    }

    /// <summary>
    /// Deliveries forwarding now (<c>--lopend</c>): each with <see cref="BatchesUnderWay"/> batches, the n-th with n of
    /// them answered, and every third with a batch that failed an attempt and waits for the next; and two still being
    /// validated.
    /// </summary>
    public async Task UnderWayAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < settings.UnderWay + 2; i++)
        {
            var board = Board(i * 7 % settings.Boards);
            var received = await _deliveries.TryAddAsync(Delivery(board, now.AddMinutes(-30 + i)), cancellationToken)
                ?? throw Exists(board.Value);
            if (i >= settings.UnderWay)
            {
                continue;
            }

            var forwarding = received.Value with
            {
                Status = DeliveryStatus.Doorsturen,
                ChangedAt = now.AddMinutes(-20 + i),
                Counts = new DeliveryCounts { Rows = BatchesUnderWay * RowsPerBatch, Accepted = BatchesUnderWay * RowsPerBatch, Batches = BatchesUnderWay },
            };
            _ = await _deliveries.TryReplaceAsync(received, forwarding, cancellationToken) ?? throw Exists(received.Value.Id);
            var id = received.Value.Id;
            var answered = i % (BatchesUnderWay + 1);
            List<Batch> batches =
            [
                .. Enumerable.Range(1, BatchesUnderWay).Select(n => n <= answered
                    ? Batch.Answered(id, n, board, Answers(), 0, now.AddMinutes(-10))
                    : n == answered + 1 && i % 3 == 0
                        ? Batch.Open(id, n, board, _records, now.AddMinutes(-15)) with { FailedAttempts = 2, LastError = "HTTP 503", NextAttemptAt = now.AddMinutes(5) }
                        : Batch.Open(id, n, board, _records, now.AddMinutes(-15))),
            ];
            _ = await _batches.TryAddAsync(batches, cancellationToken) ?? throw Exists(id);
        }
    }

    /// <summary>Finished deliveries whose one batch was given up (<c>--dodeletters</c>), each with its dead letter.</summary>
    public async Task DeadLettersAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < settings.DeadLetters; i++)
        {
            var board = Board(((i * 13) + 1) % settings.Boards);
            var at = now.AddHours(-2).AddMinutes(i);
            var delivery = Delivery(board, at.AddMinutes(-10));
            var batch = Batch.Open(delivery.Id, 1, board, _records, at.AddMinutes(-9)).GiveUp(DeadLetterReasons.Refused(422), 1, "HTTP 422: het register weigert deze batch", at)!;
            _ = await _batches.TryAddAsync([batch], cancellationToken) ?? throw Exists(delivery.Id);
            await _deadLetters.SaveAsync(new DeadLetter(delivery.Id, 1, DeadLetterReasons.Refused(422), 1, "HTTP 422: het register weigert deze batch", at), cancellationToken);
            _ = await _deliveries.TryAddAsync(delivery with
            {
                Status = DeliveryStatus.Afgerond,
                CompletedAt = at,
                ChangedAt = at,
                Counts = new DeliveryCounts { Rows = RowsPerBatch, Accepted = RowsPerBatch, Batches = 1, BatchesCompleted = 1, Failed = RowsPerBatch },
            }, cancellationToken) ?? throw Exists(delivery.Id);
        }
    }

    /// <summary>E-mails given up (<c>--mislukt</c>): written waiting, then failed, as the outbox does.</summary>
    public async Task FailedEmailsAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < settings.FailedEmails; i++)
        {
            var board = Board(i * 17 % settings.Boards);
            var message = new OutboxMessage
            {
                Id = $"{board.Value}-meting-{i}",
                Bestuursnummer = board,
                Soort = "contactpersoon-bevestiging",
                To = Address($"c{board.Value}@voorbeeld.example"),
                Subject = "Bevestiging contactpersoon",
                Text = "Tekst",
                Html = "<p>Tekst</p>",
                CreatedAt = now.AddHours(-3),
            };
            var added = await _outbox.TryAddAsync(message, cancellationToken) ?? throw Exists(message.Id);
            _ = await _outbox.TryReplaceAsync(added, message with { Status = OutboxStatus.Mislukt, Attempts = 8, LastError = "550 5.1.1 mailbox unavailable" }, cancellationToken)
                ?? throw Exists(message.Id);
        }
    }

    private static Bestuursnummer Board(int i) => Bestuursnummer.Parse((10000 + i).ToString(CultureInfo.InvariantCulture));

    /// <summary>A delivery as the intake adds it: <c>ontvangen</c>, with an id of the real form.</summary>
    private static Delivery Delivery(Bestuursnummer board, DateTimeOffset receivedAt) => new()
    {
        Id = $"{board.Value}-{Guid.NewGuid():N}"[..30],
        Bestuursnummer = board,
        Path = $"{board.Value}/leraren.csv",
        FileName = "leraren.csv",
        FileVersion = $"\"0x{Guid.NewGuid():N}\"",
        UploadedAt = receivedAt,
        Status = DeliveryStatus.Ontvangen,
        ReceivedAt = receivedAt,
        ChangedAt = receivedAt,
    };

    private static DeliveryCounts Counts(DeliveryStatus status, int rejected) => status switch
    {
        DeliveryStatus.Afgerond => new DeliveryCounts
        {
            Rows = RowsPerBatch,
            Accepted = RowsPerBatch - rejected,
            Rejected = rejected,
            Batches = 1,
            BatchesCompleted = 1,
            Forwarded = RowsPerBatch - rejected,
            Registered = RowsPerBatch - rejected,
        },
        DeliveryStatus.Afgewezen => new DeliveryCounts { Rows = RowsPerBatch, Rejected = RowsPerBatch },
        _ => new DeliveryCounts { Rows = RowsPerBatch, Accepted = RowsPerBatch },
    };

    private static List<RegisterResultaat> Answers() =>
    [
        .. Enumerable.Range(2, RowsPerBatch).Select(row => new RegisterResultaat(
            row, $"R{row}", RecordOutcome.Geregistreerd.ToContract(), string.Create(CultureInfo.InvariantCulture, $"REG-{row:D8}"), null)),
    ];

    private static List<TeacherRecord> Records() =>
    [
        .. SyntheticTeacherFile.Bsns().Take(RowsPerBatch).Select((text, i) => new TeacherRecord(
            i + 2,
            Bsn.TryParse(text, out var bsn) ? bsn : throw new InvalidOperationException("The synthetic BSNs pass the eleven test."),
            Brin.TryParse("12AB", out var brin) ? brin : throw new InvalidOperationException("A valid BRIN."),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [TeacherFileColumns.RegelId] = string.Create(CultureInfo.InvariantCulture, $"R{i + 2}"),
                ["geslacht"] = "V",
                ["geboortedatum"] = "1980-01-01",
                ["benoemingsgrondslag"] = "701",
                ["begindatum_benoeming"] = "2015-08-01",
                ["begindatum_dienstverband"] = "2015-08-01",
            })),
    ];

    private static EmailAddress Address(string text) => EmailAddress.TryParse(text, out var address) ? address : throw new ArgumentException(text);

    private static InvalidOperationException Exists(string what) => new($"Seeding {what}: a row existed already (seeding an Azurite that is not empty?).");

    private ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = cancellationToken };

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
