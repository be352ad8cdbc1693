using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.RegisterSimulator;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace LerarenFunctions.Tests.Integration;

/// <summary>The worker's own function classes, composed by the worker's composition, against Azurite and the simulator.</summary>
[Collection(StorageCollection.Name)]
public sealed class WorkerFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _host = await StartHostAsync([]);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task WorkerFunctions_RegisterEveryValidRowOnce_WhenCalledInTurn()
    {
        var path = $"10053/worker-{Guid.NewGuid():N}.csv";
        var csv = SyntheticData.TeacherCsv("10053", rows: 150, seed: 11, extraLines: ["R-bad;10053;123456789;V;1980-01-01;701;2019-08-01;12AB;2019-08-01"]);
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, csv);

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var result = await Function<GetDeliveryStatusFunction>().Run(OperatorRequest(), deliveryId, CancellationToken.None);
        var status = Assert.IsType<Ok<DeliveryStatusView>>(result).Value!;
        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(151, 150, 1, 150, 150, 0, 0), status.Aantallen);
        AssertAppliedOnce(seed: 11, count: 150);

        var report = await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path);
        Assert.NotNull(report);
        Assert.Contains("BSN_ONGELDIG", report, StringComparison.Ordinal);
        Assert.Contains("******789", report, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", report, StringComparison.Ordinal);

        var final = System.Text.Json.JsonSerializer.Deserialize<LerarenFunctions.Core.Files.Terugmelding>(report)!;
        Assert.Equal(150, final.RegisterResultaten!.Count);
        Assert.All(final.RegisterResultaten, r => Assert.Equal("geregistreerd", r.Resultaat));
        Assert.Equal(("R1", 2), (final.RegisterResultaten[0].RegelId, final.RegisterResultaten[0].Regel));
        var csvReport = await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path, csv: true);
        Assert.Contains("regel;regelId;resultaat;registratieId;reden", csvReport, StringComparison.Ordinal);
        Assert.Contains("2;R1;geregistreerd;REG-", csvReport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerFunctions_ApplyNothingTwice_WhenBlobTriggerAndMessagesRunAgain()
    {
        var path = $"10053/replay-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 120, seed: 12));

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync(deleteMessages: false);
        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(deliveryId);
        Assert.Equal("afgerond", status.Status);
        Assert.Equal(120, status.Aantallen.Geregistreerd);
        AssertAppliedOnce(seed: 12, count: 120);
    }

    [Fact]
    public async Task WorkerFunctions_ValidateAndReportButNeverForward_WhenTrialDelivery()
    {
        var path = $"10053/proef/proef-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 30, seed: 13));

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(deliveryId);
        Assert.Equal("proef", status.Status);
        Assert.Equal(new DeliveryCountsView(30, 30, 0, 0, 0, 0, 0), status.Aantallen);
        Assert.Contains("\"goedgekeurd\"", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path), StringComparison.Ordinal);
        Assert.Equal(0, _simulator.State.Requests);
    }

    [Fact]
    public async Task WorkerFunctions_KeepNoRows_WhenFileIsRejectedAfterRowsWereStored()
    {
        // Rows are stored twenty batches at a time: with batches of 10, the first 200 rows are stored before the
        // file turns out to have more rows than allowed.
        await RestartHostAsync(new()
        {
            ["Forwarding:BatchSize"] = "10",
            ["TeacherFile:MaxRows"] = "240",
        });
        var path = $"10053/te-groot-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 260, seed: 22));

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(deliveryId);
        Assert.Equal(("afgewezen", 0), (status.Status, status.Aantallen.Doorgestuurd));
        Assert.Contains("BESTAND_TE_GROOT", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path), StringComparison.Ordinal);
        Assert.Empty(await Function<IBatchStore>().ListAsync(deliveryId, withResults: false, CancellationToken.None));
        Assert.Equal(0, _simulator.State.Requests);
    }

    [Fact]
    public async Task WorkerFunctions_ValidateAgainAndForward_WhenRejectedContentIsDeliveredAgainAfterALimitWasRaised()
    {
        await RestartHostAsync(new() { ["TeacherFile:MaxRows"] = "20" });
        var csv = SyntheticData.TeacherCsv("10053", rows: 30, seed: 23) + $"R-{Guid.NewGuid():N};10053;111222333;V;1980-01-01;701;2019-08-01;12AB;2019-08-01\r\n";
        var first = await TestFiles.DropAsync(azurite.Clients, $"10053/te-veel-{Guid.NewGuid():N}.csv", csv);
        await Function<ReceiveDeliveryFunction>().Run(first.Blob, first.Blob.Name, CancellationToken.None);
        Assert.Equal("afgewezen", (await StatusAsync(first.DeliveryId)).Status);

        await RestartHostAsync([]);
        var againPath = $"10053/opnieuw-{Guid.NewGuid():N}.csv";
        var again = await TestFiles.DropAsync(azurite.Clients, againPath, csv);
        await Function<ReceiveDeliveryFunction>().Run(again.Blob, again.Blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(again.DeliveryId);
        Assert.Equal(("afgerond", 31), (status.Status, status.Aantallen.Geregistreerd));
        Assert.DoesNotContain("BESTAND_DUBBEL", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, againPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerFunctions_MarkDubbelAndForwardNothingAgain_WhenSameContentDeliveredTwice()
    {
        var csv = SyntheticData.TeacherCsv("10053", rows: 40, seed: 14) + $"R-{Guid.NewGuid():N};10053;111222333;V;1980-01-01;701;2019-08-01;12AB;2019-08-01\r\n";
        var first = await TestFiles.DropAsync(azurite.Clients, $"10053/eerste-{Guid.NewGuid():N}.csv", csv);
        await Function<ReceiveDeliveryFunction>().Run(first.Blob, first.Blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();
        var requests = _simulator.State.Requests;

        var againPath = $"10053/nogmaals-{Guid.NewGuid():N}.csv";
        var again = await TestFiles.DropAsync(azurite.Clients, againPath, csv);
        await Function<ReceiveDeliveryFunction>().Run(again.Blob, again.Blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        Assert.Equal("afgerond", (await StatusAsync(first.DeliveryId)).Status);
        var status = await StatusAsync(again.DeliveryId);
        Assert.Equal("dubbel", status.Status);
        Assert.Contains(first.DeliveryId, status.Reden, StringComparison.Ordinal);
        Assert.Contains("BESTAND_DUBBEL", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, againPath), StringComparison.Ordinal);
        Assert.Equal(requests, _simulator.State.Requests);
        AssertAppliedOnce(seed: 14, count: 40);
    }

    [Fact]
    public async Task WorkerFunctions_DeadLetterWithoutRetriesThenApplyOnceOnReplay_WhenRegisterRefuses()
    {
        var path = $"10053/geweigerd-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 150, seed: 15));
        _simulator.State.Faults.RefuseWithStatus = 400;

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        Assert.Equal(2, _simulator.State.Requests);
        var refused = await StatusAsync(deliveryId);
        Assert.Equal("afgerond", refused.Status);
        Assert.Equal(new DeliveryCountsView(150, 150, 0, 0, 0, 0, 150), refused.Aantallen);
        Assert.IsType<ProblemHttpResult>(await Function<ListDeadLettersFunction>().Run(new DefaultHttpContext().Request, CancellationToken.None));
        var letters = (await Function<ListDeadLettersFunction>().Run(OperatorRequest(), CancellationToken.None) as Ok<IReadOnlyList<DeadLetter>>)!.Value!
            .Where(l => l.DeliveryId == deliveryId).ToList();
        Assert.Equal([1, 2], letters.Select(l => l.Batch).Order());
        Assert.All(letters, l => Assert.Equal("REGISTER_WEIGERT_400", l.Reason));

        _simulator.State.Faults.RefuseWithStatus = null;
        var replay = Function<ReplayDeadLetterFunction>();
        Assert.IsType<ProblemHttpResult>(await replay.Run(new DefaultHttpContext().Request, deliveryId, 1, CancellationToken.None));
        Assert.IsType<Accepted>(await replay.Run(OperatorRequest(), deliveryId, 1, CancellationToken.None));
        Assert.IsType<Accepted>(await replay.Run(OperatorRequest(), deliveryId, 2, CancellationToken.None));
        Assert.IsType<Accepted>(await replay.Run(OperatorRequest(), deliveryId, 2, CancellationToken.None));
        await DrainForwardingQueueAsync();
        Assert.IsType<NotFound>(await replay.Run(OperatorRequest(), deliveryId, 1, CancellationToken.None));

        var status = await StatusAsync(deliveryId);
        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(150, 150, 0, 150, 150, 0, 0), status.Aantallen);
        AssertAppliedOnce(seed: 15, count: 150);
        // The terugmelding was completed twice: first with the refusals, then again after the replay.
        Assert.DoesNotContain("mislukt", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path), StringComparison.Ordinal);
        Assert.DoesNotContain(await _host.Services.GetRequiredService<ListDeadLetters>().HandleAsync(CancellationToken.None), l => l.DeliveryId == deliveryId);
    }

    [Fact]
    public async Task WorkerFunctions_RetryWithBackoffThenDeadLetterWithLastError_WhenRegisterKeepsFailing()
    {
        await RestartHostAsync(new()
        {
            ["Register:MaxRetries"] = "1",
            ["Register:RetryDelay"] = "00:00:00.010",
            ["Forwarding:MaxAttempts"] = "3",
            ["Forwarding:RetryBaseDelay"] = "00:00:00.050",
        });
        _simulator.State.Faults.ServiceUnavailableRate = 1;
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/storing-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 10, seed: 16));

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        var status = await DrainUntilFinalAsync(deliveryId);

        Assert.Equal("afgerond", status.Status);
        Assert.Equal(new DeliveryCountsView(10, 10, 0, 0, 0, 0, 10), status.Aantallen);
        Assert.Equal(3 * 2, _simulator.State.Requests);
        var letter = Assert.Single(await Function<ListDeadLetters>().HandleAsync(CancellationToken.None), l => l.DeliveryId == deliveryId);
        Assert.Equal("POGINGEN_OP", letter.Reason);
        Assert.Equal(3, letter.Attempts);
        Assert.Contains("503", letter.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerFunctions_SurviveAnOutage_WhenRegisterComesBackBeforeAttemptsRunOut()
    {
        await RestartHostAsync(new()
        {
            ["Register:MaxRetries"] = "1",
            ["Register:RetryDelay"] = "00:00:00.010",
            ["Forwarding:RetryBaseDelay"] = "00:00:00.100",
        });
        _simulator.State.Faults.OutageStart = DateTimeOffset.UtcNow;
        _simulator.State.Faults.OutageDuration = TimeSpan.FromSeconds(2);
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/hersteld-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 120, seed: 17));

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        var status = await DrainUntilFinalAsync(deliveryId);

        Assert.Equal(new DeliveryCountsView(120, 120, 0, 120, 120, 0, 0), status.Aantallen);
        AssertAppliedOnce(seed: 17, count: 120);
        Assert.True(_simulator.State.Requests > 2, "The outage did not bite.");
    }

    [Fact]
    public async Task WorkerFunctions_DeadLetterOpenBatch_WhenItsMessageReachesThePoisonQueue()
    {
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/gif-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 10, seed: 18));
        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        var queue = azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        var message = (await queue.ReceiveMessageAsync()).Value;
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        await Function<DeadLetterBatchFunction>().Run(message.MessageText, CancellationToken.None);
        await Function<DeadLetterBatchFunction>().Run(message.MessageText, CancellationToken.None);

        var status = await StatusAsync(deliveryId);
        Assert.Equal("afgerond", status.Status);
        Assert.Equal(10, status.Aantallen.Mislukt);
        var letter = Assert.Single(await Function<ListDeadLetters>().HandleAsync(CancellationToken.None), l => l.DeliveryId == deliveryId);
        Assert.Equal("POGINGEN_OP", letter.Reason);

        Assert.Equal(ReplayOutcome.Queued, await Function<ReplayDeadLetter>().HandleAsync(deliveryId, 1, CancellationToken.None));
        var replayed = await DrainUntilFinalAsync(deliveryId);
        Assert.Equal(new DeliveryCountsView(10, 10, 0, 10, 10, 0, 0), replayed.Aantallen);
        AssertAppliedOnce(seed: 18, count: 10);
    }

    [Fact]
    public async Task WorkerFunctions_ReadRowsFromStorageAndSkipFinishedBatches_WhenMessagesCarryNoRows()
    {
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/claim-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 150, seed: 19));
        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        var queue = azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        var claims = new List<string>();
        foreach (var message in (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value)
        {
            // The queue is shared with the other tests here: a retry another test scheduled may come due now.
            var claim = ForwardBatchMessages.TryParse(message.MessageText)!;
            if (claim.DeliveryId != deliveryId)
            {
                continue;
            }

            Assert.NotNull(claim.Records);
            claims.Add(ForwardBatchMessages.Serialize(claim with { Records = null, Bestuursnummer = null }));
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        foreach (var claim in claims)
        {
            await Function<ForwardBatchFunction>().Run(claim, 1, CancellationToken.None);
        }

        var requests = _simulator.State.Requests;
        foreach (var claim in claims)
        {
            await Function<ForwardBatchFunction>().Run(claim, 2, CancellationToken.None);
        }

        Assert.Equal(2, claims.Count);
        Assert.Equal(requests, _simulator.State.Requests);
        // The messages came off the queue in any order: when batch 2 finished first, the periodic check closes it.
        await Function<CheckDeliveriesFunction>().Run(new TimerInfo(), CancellationToken.None);
        var status = await StatusAsync(deliveryId);
        Assert.Equal(("afgerond", 150), (status.Status, status.Aantallen.Geregistreerd));
        AssertAppliedOnce(seed: 19, count: 150);
    }

    [Fact]
    public async Task WorkerFunctions_RetryThenDeadLetterAsInvalidAnswer_WhenTheRegisterKeepsBreakingItsContract()
    {
        await RestartHostAsync(new()
        {
            ["Forwarding:MaxAttempts"] = "3",
            ["Forwarding:RetryBaseDelay"] = "00:00:00.050",
        });
        _simulator.State.Faults.BrokenAnswer = BrokenAnswerKind.ResultatenNull;
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/contract-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 10, seed: 24));

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        var status = await DrainUntilFinalAsync(deliveryId);

        Assert.Equal(("afgerond", 10), (status.Status, status.Aantallen.Mislukt));
        Assert.Equal(3, _simulator.State.Requests);
        var letter = Assert.Single(await Function<ListDeadLetters>().HandleAsync(CancellationToken.None), l => l.DeliveryId == deliveryId);
        Assert.Equal((DeadLetterReasons.InvalidAnswer, 3L), (letter.Reason, letter.Attempts));
        Assert.Contains("resultaten", letter.LastError, StringComparison.Ordinal);
        Assert.Equal(0, (await azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingPoisonQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task WorkerFunctions_KeepNoBsnInTheDeadLetter_WhenTheRegistersRefusalQuotesOne()
    {
        _simulator.State.Faults.RefuseWithStatus = 422;
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/weigering-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 5, seed: 25));

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var letter = Assert.Single(await Function<ListDeadLetters>().HandleAsync(CancellationToken.None), l => l.DeliveryId == deliveryId);
        Assert.Equal("REGISTER_WEIGERT_422", letter.Reason);
        Assert.Contains("******", letter.LastError, StringComparison.Ordinal);
        Assert.All(SyntheticData.Bsns(seed: 25).Take(5), bsn => Assert.DoesNotContain(bsn, letter.LastError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WorkerFunctions_RemoveAnExpiredDeliveryWithItsBatchesAndClaim_WhenItsRetentionHasPassed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await _host.StopAsync();
        _host.Dispose();
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, _simulator.BaseUrl, [], services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        var csv = SyntheticData.TeacherCsv("10053", rows: 15, seed: 26) + $"R-{Guid.NewGuid():N};10053;111222333;V;1980-01-01;701;2019-08-01;12AB;2019-08-01\r\n";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/bewaren-{Guid.NewGuid():N}.csv", csv);
        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();
        Assert.Equal("afgerond", (await StatusAsync(deliveryId)).Status);

        time.Advance(new RetentionOptions().Deliveries - TimeSpan.FromHours(1));
        await Function<ApplyRetentionFunction>().Run(new TimerInfo(), CancellationToken.None);
        Assert.NotNull(await Function<IDeliveryStore>().GetAsync(deliveryId, CancellationToken.None));
        time.Advance(TimeSpan.FromHours(1));
        await Function<ApplyRetentionFunction>().Run(new TimerInfo(), CancellationToken.None);

        Assert.Null(await Function<IDeliveryStore>().GetAsync(deliveryId, CancellationToken.None));
        Assert.Empty(await Function<IBatchStore>().ListAsync(deliveryId, withResults: false, CancellationToken.None));
        // The same content is no duplicate any more: its claim went with the delivery.
        var again = await TestFiles.DropAsync(azurite.Clients, $"10053/bewaren-opnieuw-{Guid.NewGuid():N}.csv", csv);
        await Function<ReceiveDeliveryFunction>().Run(again.Blob, again.Blob.Name, CancellationToken.None);
        Assert.Equal("doorsturen", (await StatusAsync(again.DeliveryId)).Status);
        await DrainForwardingQueueAsync();
    }

    private async Task RestartHostAsync(Dictionary<string, string?> settings)
    {
        await _host.StopAsync();
        _host.Dispose();
        _host = await StartHostAsync(settings);
    }

    /// <summary>Plays the queue trigger, also for messages that come back later, until the delivery is final.</summary>
    private async Task<DeliveryStatusView> DrainUntilFinalAsync(string deliveryId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await DrainForwardingQueueAsync();
            var status = await StatusAsync(deliveryId);
            if (status.Status is "afgerond" or "afgewezen" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    private Task<IHost> StartHostAsync(Dictionary<string, string?> settings) => WorkerHost.StartAsync(azurite.ConnectionString, _simulator.BaseUrl, settings);

    private T Function<T>()
        where T : notnull => _host.Function<T>();

    private Task<DeliveryStatusView> StatusAsync(string deliveryId) => _host.StatusAsync(deliveryId);

    private void AssertAppliedOnce(int seed, int count) => RegisterAssert.AppliedOnce(_simulator.State, SyntheticData.Bsns(seed).Take(count));

    private Task DrainForwardingQueueAsync(bool deleteMessages = true) => _host.DrainForwardingQueueAsync(azurite.Clients, deleteMessages);

    /// <summary>A request with the operator key, as the /beheer routes need.</summary>
    private static HttpRequest OperatorRequest()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = $"Bearer {TestKeys.Operator}";
        return request;
    }
}
