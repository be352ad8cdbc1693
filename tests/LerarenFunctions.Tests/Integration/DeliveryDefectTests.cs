using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Tests.Integration;

/// <summary>The review's defects, each reproduced on the worker's functions against Azurite and the simulator.</summary>
[Collection(StorageCollection.Name)]
public sealed class DeliveryDefectTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private IHost _host = null!;
    private readonly LogCapture _logs = new();

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync();
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, _simulator.BaseUrl, [], logs: _logs);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Intake_EndsFinal_WhenFirstRunFailsPartWayAndNoTriggerComesBack()
    {
        await RestartAsync(Stalls, s => s.Intercept<ITerugmeldingStore>(Hooks.FailCalls("WriteAsync", 1, () => new RequestFailedException(500, "storing"))));
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/afgebroken-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 120, seed: 51));

        await Assert.ThrowsAnyAsync<Exception>(() => Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await RunChecksAsync();
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(deliveryId);
        Assert.Equal(("afgerond", 120), (status.Status, status.Aantallen.Geregistreerd));
        AssertAppliedOnce(seed: 51, count: 120);
    }

    [Fact]
    public async Task Intake_ReleasesRowsAndClaim_WhenFileIsReplacedBeforeAFailedIntakeIsPickedUpAgain()
    {
        await RestartAsync(Stalls, s => s.Intercept<ITerugmeldingStore>(Hooks.FailCalls("WriteAsync", 1, () => new RequestFailedException(500, "storing"))));
        var csv = SyntheticData.TeacherCsv("10053", rows: 120, seed: 52) + $"R-{Guid.NewGuid():N};10053;111222333;V;1980-01-01;701;2019-08-01;12AB;2019-08-01\r\n";
        var path = $"10053/vervangen-{Guid.NewGuid():N}.csv";
        var (blob, first) = await TestFiles.DropAsync(azurite.Clients, path, csv);
        await Assert.ThrowsAnyAsync<Exception>(() => Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None));

        await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 5, seed: 53));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await RunChecksAsync();

        var replaced = await StatusAsync(first);
        Assert.Equal(("afgewezen", 0), (replaced.Status, replaced.Aantallen.Doorgestuurd));
        Assert.Empty(await Function<IBatchStore>().ListAsync(first, withResults: false, CancellationToken.None));
        var board = DeliveryPath.Parse(path).Bestuursnummer!.Value;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv)));
        Assert.Null(await Function<IContentClaims>().GetAsync(board, hash, CancellationToken.None));

        var again = await TestFiles.DropAsync(azurite.Clients, $"10053/nogmaals-{Guid.NewGuid():N}.csv", csv);
        await Function<ReceiveDeliveryFunction>().Run(again.Blob, again.Blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();
        var status = await StatusAsync(again.DeliveryId);
        Assert.Equal(("afgerond", 121), (status.Status, status.Aantallen.Geregistreerd));
        Assert.Equal(again.DeliveryId, (await Function<IContentClaims>().GetAsync(board, hash, CancellationToken.None))?.Value.DeliveryId);
    }

    [Fact]
    public async Task Intake_WritesNothingTwice_WhenASecondRunReadsTheDeliveryWhileTheFirstHoldsIt()
    {
        var gate = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        await RestartAsync([], s => s.Intercept<IDeliveryStore>(Hooks.HoldAfter("TryAddAsync", "A", gate.Task, held)));
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/twee-runs-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 150, seed: 54));
        var function = Function<ReceiveDeliveryFunction>();

        Interception.Run.Value = "A";
        var runA = Task.Run(() => function.Run(blob, blob.Name, CancellationToken.None));
        await held.Task;
        Interception.Run.Value = "B";
        await function.Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();
        gate.SetResult();
        await runA;
        Interception.Run.Value = null;
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(deliveryId);
        Assert.Equal(("afgerond", 150), (status.Status, status.Aantallen.Geregistreerd));
        Assert.Equal(2, _simulator.State.Requests);
        AssertAppliedOnce(seed: 54, count: 150);
    }

    [Fact]
    public async Task CheckDeliveries_QueuesNothing_WhenBatchWaitsOnItsBackOff()
    {
        await RestartAsync(new()
        {
            ["Register:MaxRetries"] = "1",
            ["Register:RetryDelay"] = "00:00:00.010",
            ["Forwarding:RetryBaseDelay"] = "00:00:05",
            ["Forwarding:RetryMaxDelay"] = "00:00:05",
            ["Forwarding:StallAfter"] = "00:00:01",
        });
        _simulator.State.Faults.ServiceUnavailableRate = 1;
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/wachtend-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 10, seed: 55));
        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Function<CheckDeliveriesFunction>().Run(new TimerInfo(), CancellationToken.None);

        Assert.Equal(0, await VisibleMessagesAsync(deliveryId));

        // The one waiting message comes back after its back-off and finishes the delivery: the queue is shared.
        _simulator.State.Faults.ServiceUnavailableRate = 0;
        await Task.Delay(TimeSpan.FromSeconds(5));
        await DrainForwardingQueueAsync();
        Assert.Equal(("afgerond", 10), ((await StatusAsync(deliveryId)).Status, (await StatusAsync(deliveryId)).Aantallen.Geregistreerd));
    }

    [Fact]
    public async Task ForwardBatch_ReconcilesCountsReportAndDeadLetter_WhenBatchSucceedsAfterItWasDeadLettered()
    {
        var path = $"10053/laat-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 10, seed: 56));
        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        var message = await TakeMessageAsync(deliveryId);
        await Function<DeadLetterBatchFunction>().Run(message, CancellationToken.None);
        Assert.Equal(10, (await StatusAsync(deliveryId)).Aantallen.Mislukt);

        await Function<ForwardBatchFunction>().Run(message, 1, CancellationToken.None);

        var status = await StatusAsync(deliveryId);
        Assert.Equal(("afgerond", 10, 0), (status.Status, status.Aantallen.Geregistreerd, status.Aantallen.Mislukt));
        Assert.DoesNotContain(await Function<ListDeadLetters>().HandleAsync(CancellationToken.None), l => l.DeliveryId == deliveryId);
        var report = await OwnTerugmeldingAsync(deliveryId, path);
        Assert.All(report.RegisterResultaten!, r => Assert.Equal("geregistreerd", r.Resultaat));
    }

    [Fact]
    public async Task Terugmelding_KeepsItsRegisterResults_WhenTheSameNameIsDeliveredAgain()
    {
        var path = $"10053/zelfde-naam-{Guid.NewGuid():N}.csv";
        var csv = SyntheticData.TeacherCsv("10053", rows: 20, seed: 57) + $"R-{Guid.NewGuid():N};10053;111222333;V;1980-01-01;701;2019-08-01;12AB;2019-08-01\r\n";
        var first = await TestFiles.DropAsync(azurite.Clients, path, csv);
        await Function<ReceiveDeliveryFunction>().Run(first.Blob, first.Blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var again = await TestFiles.DropAsync(azurite.Clients, path, csv);
        await Function<ReceiveDeliveryFunction>().Run(again.Blob, again.Blob.Name, CancellationToken.None);

        Assert.Equal("dubbel", (await StatusAsync(again.DeliveryId)).Status);
        var report = await OwnTerugmeldingAsync(first.DeliveryId, path);
        Assert.Equal(21, report.RegisterResultaten?.Count);
        Assert.DoesNotContain(report.Meldingen, m => m.Code == "BESTAND_DUBBEL");
    }

    [Fact]
    public async Task Terugmelding_ShowsOnlyItsOwnResults_WhenAnOlderDeliveryOfTheSameNameFinishesLater()
    {
        var path = $"10053/inhalen-{Guid.NewGuid():N}.csv";
        var older = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 30, seed: 58));
        await Function<ReceiveDeliveryFunction>().Run(older.Blob, older.Blob.Name, CancellationToken.None);
        var olderMessage = await TakeMessageAsync(older.DeliveryId);

        var newer = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 7, seed: 59));
        await Function<ReceiveDeliveryFunction>().Run(newer.Blob, newer.Blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();
        await Function<ForwardBatchFunction>().Run(olderMessage, 1, CancellationToken.None);

        Assert.Equal("afgerond", (await StatusAsync(older.DeliveryId)).Status);
        var latest = JsonSerializer.Deserialize<Terugmelding>((await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path))!)!;
        Assert.Equal((7, 7), (latest.AantalRegels, latest.RegisterResultaten?.Count));
        Assert.Equal(30, (await OwnTerugmeldingAsync(older.DeliveryId, path)).RegisterResultaten?.Count);
    }

    [Fact]
    public async Task ReceiveDelivery_RejectsFolder_WhenItIsNotExactlyABestuursnummer()
    {
        var path = $"10053 /spatie-{Guid.NewGuid():N}.csv";
        var blob = azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(path);
        var uploaded = await blob.UploadAsync(BinaryData.FromString(SyntheticData.TeacherCsv("10053", rows: 3, seed: 60)));
        var wouldBe = DeliveryPath.Parse("10053/" + path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..]).DeliveryId(uploaded.Value.ETag.ToString());

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);

        Assert.Null(await Function<IDeliveryStore>().GetAsync(wouldBe, CancellationToken.None));
        Assert.Contains("BESTUURSNUMMER_ONGELDIG", await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path), StringComparison.Ordinal);
        Assert.Equal(0, _simulator.State.Requests);
    }

    [Fact]
    public async Task ReceiveDelivery_WritesRejection_WhenBlobNameHasDotOrEmptySegments()
    {
        foreach (var name in new[] { $"10053/../punt-{Guid.NewGuid():N}.csv", $"10053//leeg-{Guid.NewGuid():N}.csv" })
        {
            await Function<ReceiveDelivery>().HandleAsync(name, CancellationToken.None);

            var reports = azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
            var found = new List<string>();
            await foreach (var item in reports.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "10053/ongeldige-bestandsnaam/", CancellationToken.None))
            {
                found.Add(item.Name);
            }

            var leaf = name[(name.LastIndexOf('/') + 1)..];
            var report = Assert.Single(found, n => n.Contains(leaf, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal));
            Assert.Contains("BESTANDSNAAM_ONGELDIG", (await reports.GetBlobClient(report).DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RegisterResultaten_MaskRowReference_WhenItHoldsABsn()
    {
        var references = SyntheticData.Bsns(seed: 61).Take(3).ToList();
        var bsns = SyntheticData.Bsns(seed: 62).Take(3).ToList();
        var lines = references.Zip(bsns, (reference, bsn) => $"{reference};10053;{bsn};V;1980-01-01;701;2019-08-01;12AB;2019-08-01");
        var path = $"10053/regelid-{Guid.NewGuid():N}.csv";
        var (blob, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.Header + "\r\n" + string.Join("\r\n", lines) + "\r\n");

        await Function<ReceiveDeliveryFunction>().Run(blob, blob.Name, CancellationToken.None);
        await DrainForwardingQueueAsync();

        var report = await OwnTerugmeldingAsync(deliveryId, path);
        Assert.Equal(3, report.RegisterResultaten?.Count);
        var text = JsonSerializer.Serialize(report) + await TestFiles.ReadTerugmeldingAsync(azurite.Clients, path, csv: true);
        Assert.All(references, r => Assert.DoesNotContain(r, text, StringComparison.Ordinal));
        Assert.Contains("******" + references[0][^3..], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusAndLogs_MaskFileName_WhenItHoldsABsn()
    {
        await RestartAsync(new() { ["Intake:MissedUploadGrace"] = "00:00:00" });
        var bsn = SyntheticData.Bsns(seed: 63).First();
        var (_, deliveryId) = await TestFiles.DropAsync(azurite.Clients, $"10053/leraar-{bsn}-{Guid.NewGuid():N}.csv", SyntheticData.TeacherCsv("10053", rows: 3, seed: 64));

        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        await DrainForwardingQueueAsync();

        var status = await StatusAsync(deliveryId);
        Assert.Equal("afgerond", status.Status);
        Assert.DoesNotContain(bsn, status.Bestand, StringComparison.Ordinal);
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(bsn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDeliveryStatus_AnswersOntvangen_WhenUploadIsNotTakenInYet()
    {
        var path = $"10053/net-geupload-{Guid.NewGuid():N}.csv";
        var (_, deliveryId) = await TestFiles.DropAsync(azurite.Clients, path, SyntheticData.TeacherCsv("10053", rows: 3, seed: 65));

        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = $"Bearer {TestKeys.Operator}";
        var result = await Function<GetBoardDeliveryStatusFunction>().Run(request, "10053", deliveryId, CancellationToken.None);

        var status = Assert.IsType<Ok<DeliveryStatusView>>(result).Value!;
        Assert.Equal(("ontvangen", deliveryId), (status.Status, status.Id));
    }

    private static Dictionary<string, string?> Stalls => new()
    {
        ["Forwarding:StallAfter"] = "00:00:01",
        ["Intake:StallAfter"] = "00:00:01",
        ["Intake:MissedUploadGrace"] = "00:00:00",
    };

    private async Task RunChecksAsync()
    {
        await Function<PickUpMissedUploadsFunction>().Run(new TimerInfo(), CancellationToken.None);
        await Function<CheckDeliveriesFunction>().Run(new TimerInfo(), CancellationToken.None);
    }

    /// <summary>The terugmelding of this delivery itself, as the link in its status serves it.</summary>
    private async Task<Terugmelding> OwnTerugmeldingAsync(string deliveryId, string path)
    {
        var board = DeliveryPath.Parse(path).Bestuursnummer!.Value;
        Assert.Equal(DeliveryStatusView.TerugmeldingLink(board, deliveryId), (await StatusAsync(deliveryId)).Terugmelding);
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = $"Bearer {TestKeys.Operator}";
        var result = await Function<GetBoardTerugmeldingFunction>().Run(request, board.Value, deliveryId, CancellationToken.None);
        var document = Assert.IsType<FileContentHttpResult>(result);
        var report = JsonSerializer.Deserialize<Terugmelding>(document.FileContents.Span)!;
        Assert.Equal(PersonalData.MaskDigitRuns(DeliveryPath.Parse(path).FileName), report.Bestand);
        return report;
    }

    private async Task<string> TakeMessageAsync(string deliveryId)
    {
        var queue = azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        foreach (var message in (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value)
        {
            if (ForwardBatchMessages.TryParse(message.MessageText)?.DeliveryId == deliveryId)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                return message.MessageText;
            }
        }

        throw new InvalidOperationException($"No message for delivery {deliveryId}.");
    }

    private async Task<int> VisibleMessagesAsync(string deliveryId)
    {
        var queue = azurite.Clients.Queues.GetQueueClient(StorageNames.ForwardingQueue);
        return (await queue.PeekMessagesAsync(maxMessages: 32)).Value.Count(m => ForwardBatchMessages.TryParse(m.MessageText)?.DeliveryId == deliveryId);
    }

    private async Task RestartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        await _host.StopAsync();
        _host.Dispose();
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, _simulator.BaseUrl, settings, services, _logs);
    }

    private T Function<T>()
        where T : notnull => _host.Function<T>();

    private Task<DeliveryStatusView> StatusAsync(string deliveryId) => _host.StatusAsync(deliveryId);

    private void AssertAppliedOnce(int seed, int count) => RegisterAssert.AppliedOnce(_simulator.State, SyntheticData.Bsns(seed).Take(count));

    private Task DrainForwardingQueueAsync() => _host.DrainForwardingQueueAsync(azurite.Clients);
}
