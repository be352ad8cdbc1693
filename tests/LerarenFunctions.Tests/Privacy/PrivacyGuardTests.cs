using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure.Storage.Blobs.Models;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Core.Telemetry;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.Tests.Support;
using LerarenFunctions.Tests.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace LerarenFunctions.Tests.BsnGuard;

/// <summary>
/// The privacy guard: the whole flow — valid and invalid files, a file named by a BSN, teachers as JSON, register
/// faults, a refusal that quotes a BSN, a dead letter and its replay, attempts used up, reminders — and then every
/// thing it left where a person or a system can read it is searched for every BSN of the input, whole and without its
/// leading zero: log lines with their state and scopes, spans with their tags and events, metric names and
/// dimensions, e-mails, every HTTP answer; and the same for the LocalHost process's output and answers.
/// </summary>
public sealed class PrivacyGuardTests
{
    private const string Board = "10311";
    private const string QuietBoard = "10312";
    private static readonly string Operator = $"Bearer {TestKeys.Operator}";

    [Fact]
    public async Task WholeFlow_LeavesNoBsnInLogsSpansMetricsEmailsOrAnswers_WhenFilesFaultsDeadLettersAndRemindersRun()
    {
        var bsns = PrivacyData.Bsns(seed: 311, count: 24);
        var typos = bsns.Take(2).Select(PrivacyData.Mistyped).ToList();
        await using var flow = await WorkerFlow.StartAsync(new Dictionary<string, string?> { ["Forwarding:MaxAttempts"] = "3" });
        await TestBoards.AddAsync(flow.Azurite.Clients, Board, name: "Stichting Privacy 10311");
        await TestBoards.AddAsync(flow.Azurite.Clients, QuietBoard, importedAgo: TimeSpan.FromDays(30), name: "Stichting Stil 10312");
        await AnswerAsync(flow, "PUT contactpersoon", flow.Function<SetContactPersonFunction>().Run(
            FunctionRequests.Request(Operator, """{"naam": "P. Rivacy", "emailadres": "p.rivacy@voorbeeld.example"}"""), Board, CancellationToken.None));

        // A valid file through a flaky register: 503s and 429s, retried and ridden out.
        flow.Faults.ServiceUnavailableRate = 0.3;
        flow.Faults.TooManyRequestsRate = 0.05;
        var valid = await flow.DeliverAsync($"{Board}/leraren.csv", PrivacyData.ValidCsv(Board, bsns.Take(8)));
        await flow.ForwardAllAsync();
        flow.Faults.ServiceUnavailableRate = 0;
        flow.Faults.TooManyRequestsRate = 0;

        // Invalid rows, a file rejected as a whole, a trial, and a file named by a BSN.
        var invalid = await flow.DeliverAsync($"{Board}/fouten.csv", PrivacyData.InvalidRowsCsv(Board, bsns.Skip(8).Take(6).ToList()));
        var rejected = await flow.DeliverAsync($"{Board}/kolommen.csv", PrivacyData.MissingColumnCsv(Board, bsns.Skip(14).Take(2).ToList()));
        var trial = await flow.DeliverAsync($"{Board}/proef/leraren.csv", PrivacyData.ValidCsv(Board, bsns.Skip(16).Take(2)));
        var named = await flow.DeliverAsync($"{Board}/export-{bsns[18]}.csv", PrivacyData.ValidCsv(Board, bsns.Skip(18).Take(2)));
        await flow.ForwardAllAsync();

        // A refusal that quotes the BSN (dead-lettered at once), then attempts used up in an outage.
        flow.Faults.RefuseWithStatus = 422;
        var refused = await flow.DeliverAsync($"{Board}/geweigerd.csv", PrivacyData.ValidCsv(Board, bsns.Skip(20).Take(2)));
        await flow.ForwardAllAsync();
        flow.Faults.RefuseWithStatus = null;
        flow.Faults.ServiceUnavailableRate = 1;
        var outage = await flow.DeliverAsync($"{Board}/storing.csv", PrivacyData.ValidCsv(Board, bsns.Skip(22).Take(2)));
        await flow.ForwardAllAsync();
        flow.Faults.ServiceUnavailableRate = 0;

        // Teachers as JSON over HTTP, taken in from where the API stored them.
        await AnswerAsync(flow, "POST leveringen (JSON)", flow.Function<AcceptDeliveryFunction>().Run(
            JsonRequest(PrivacyData.Json(Board, [.. bsns.Take(2), typos[1]])), Board, CancellationToken.None));
        await foreach (var blob in flow.Azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{Board}/api-", CancellationToken.None))
        {
            await flow.Function<ReceiveDeliveryFunction>().Run(flow.Azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(blob.Name), blob.Name, CancellationToken.None);
        }

        await flow.ForwardAllAsync();

        // The operator looks at the dead letters and replays them once the register is back.
        await AnswerAsync(flow, "GET dodeletters", flow.Function<ListDeadLettersFunction>().Run(FunctionRequests.Request(Operator), CancellationToken.None));
        foreach (var (id, batch) in new[] { (refused, 1), (outage, 1) })
        {
            await AnswerAsync(flow, "POST opnieuw", flow.Function<ReplayDeadLetterFunction>().Run(FunctionRequests.Request(Operator), id, batch, CancellationToken.None));
        }

        await flow.ForwardAllAsync();
        await flow.Function<CheckDeliveriesFunction>().Run(new TimerInfo(), CancellationToken.None);

        // Reminders today (the quiet board has no contact person) and three weeks on (open errors, the deadline).
        await flow.Function<SendRemindersFunction>().Run(new TimerInfo(), CancellationToken.None);
        await ActivatorUtilities.CreateInstance<SendReminders>(flow.Host.Services, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(21))).HandleAsync(CancellationToken.None);
        await flow.SendAllEmailsAsync();

        // What boards and operators read.
        foreach (var id in new[] { valid, invalid, rejected, trial, named, refused, outage })
        {
            await AnswerAsync(flow, "GET status", flow.Function<GetDeliveryStatusFunction>().Run(FunctionRequests.Request(Operator), id, CancellationToken.None));
            await AnswerAsync(flow, "GET terugmelding", flow.Function<GetTerugmeldingFunction>().Run(FunctionRequests.Request(Operator), id, CancellationToken.None));
            await AnswerAsync(flow, "GET terugmelding (CSV)", flow.Function<GetBoardTerugmeldingFunction>().Run(CsvRequest(), Board, id, CancellationToken.None));
        }

        await AnswerAsync(flow, "GET leveringen", flow.Function<ListBoardDeliveriesFunction>().Run(FunctionRequests.Request(Operator), Board, CancellationToken.None));
        await AnswerAsync(flow, "GET bestuur", flow.Function<GetBoardStateFunction>().Run(FunctionRequests.Request(Operator), Board, CancellationToken.None));
        await AnswerAsync(flow, "GET herinneringen", flow.Function<PreviewRemindersFunction>().Run(FunctionRequests.Request(Operator), CancellationToken.None));
        await AnswerAsync(flow, "GET dodeletters (na)", flow.Function<ListDeadLettersFunction>().Run(FunctionRequests.Request(Operator), CancellationToken.None));
        await AnswerAsync(flow, "GET health", flow.Function<GetHealthFunction>().Run(FunctionRequests.Request(Operator), CancellationToken.None));
        flow.Flush();

        // The flow did what it is meant to: otherwise a clean result would prove little.
        var statuses = new Dictionary<string, string>();
        foreach (var id in new[] { valid, invalid, rejected, trial, named, refused, outage })
        {
            statuses[id] = (await flow.Host.StatusAsync(id)).Status;
        }

        Assert.Equal(["afgerond", "afgerond", "afgewezen", "proef", "afgerond", "afgerond", "afgerond"], [.. new[] { valid, invalid, rejected, trial, named, refused, outage }.Select(id => statuses[id])]);
        Assert.Contains(flow.Telemetry.Spans, s => s.DisplayName == "DeadLetterBatch" && Equals(s.GetTagItem(LerarenTelemetry.DeliveryIdTag), refused));
        Assert.Contains(flow.Telemetry.Spans, s => s.DisplayName == "ReplayDeadLetter" && Equals(s.GetTagItem(LerarenTelemetry.DeliveryIdTag), outage));
        Assert.Contains(flow.Smtp.Messages, m => m.Subject?.StartsWith("Herinnering", StringComparison.Ordinal) == true);
        Assert.Contains(flow.Telemetry.MetricTexts(), m => m.StartsWith("lerarenfunctions.register.failures", StringComparison.Ordinal));

        var guard = new PrivacyGuard([.. bsns, .. typos]);
        await AddEverythingAsync(guard, flow);
        guard.AssertClean();
    }

    [Fact]
    public async Task Guard_FindsTheBsn_WhenOneLeaksIntoALogLineASpanOrAMetric()
    {
        var bsn = PrivacyData.Bsns(seed: 313, count: 2)[1];
        await using var flow = await WorkerFlow.StartAsync();
        var logger = flow.Host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lek");
        using var meter = flow.Host.Services.GetRequiredService<IMeterFactory>().Create(LerarenTelemetry.SourceName);

        // Without its leading zero, as a spreadsheet would have it: the guard looks for both forms.
        logger.LogWarning("Regel met waarde {Waarde} afgekeurd", bsn[1..]);
        using (var span = LerarenTelemetry.Source.StartActivity("Lek"))
        {
            span?.SetTag("lerarenfunctions.waarde", bsn);
        }

        meter.CreateCounter<long>("lerarenfunctions.lek").Add(1, new KeyValuePair<string, object?>("waarde", bsn));
        flow.Flush();

        var guard = new PrivacyGuard([bsn]);
        await AddEverythingAsync(guard, flow);
        var findings = guard.Findings();

        Assert.Contains(findings, f => f.StartsWith("log (ILogger)", StringComparison.Ordinal) && f.Contains(bsn[1..], StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("log (OpenTelemetry)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("span", StringComparison.Ordinal) && f.Contains(bsn, StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("metric", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.TrueException>(guard.AssertClean);
    }

    [Fact]
    public async Task LocalHost_LeavesNoBsnInItsOutputOrAnswers_WhenAFileAndJsonAreForwardedThroughFaults()
    {
        var bsns = PrivacyData.Bsns(seed: 317, count: 8);
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        await using var register = await SimulatorServer.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        try
        {
            await TestBoards.AddAsync(azurite.Clients, Board, name: "Stichting Privacy 10311");
            await using var host = await LocalHostApi.StartAsync(azurite, new Dictionary<string, string>
            {
                ["Register__BaseUrl"] = register.BaseUrl.ToString(),
                ["Forwarding__RetryBaseDelay"] = "00:00:01",
                ["Forwarding__RetryMaxDelay"] = "00:00:02",
                ["Email__Host"] = SmtpSink.Host,
                ["Email__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                // Spans and metrics on its output too, so the guard reads what an exporter would get.
                ["Telemetry__Console"] = "true",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["Logging__LogLevel__Default"] = "Debug",
            });
            var answers = new List<string>();
            var api = host.Client;
            async Task<string> Keep(string source, Task<HttpResponseMessage> call)
            {
                using var response = await call;
                var body = await response.Content.ReadAsStringAsync();
                answers.Add($"{source}: {(int)response.StatusCode} {response.Headers} {response.Content.Headers} {body}");
                return body;
            }

            using (var person = new StringContent("""{"naam": "P. Rivacy", "emailadres": "p.rivacy@voorbeeld.example"}""", Encoding.UTF8, "application/json"))
            {
                await Keep("PUT contactpersoon", api.PutAsync($"api/besturen/{Board}/contactpersoon", person));
            }

            register.State.Faults.ServiceUnavailableRate = 0.3;
            var ids = new List<string>();
            foreach (var (content, type) in new[]
            {
                (PrivacyData.ValidCsv(Board, bsns.Take(4)), "text/csv"),
                (PrivacyData.InvalidRowsCsv(Board, bsns.Skip(2).Take(6).ToList()), "text/csv"),
                (PrivacyData.Json(Board, bsns.Skip(4).Take(3)), "application/json"),
            })
            {
                using var body = new StringContent(content, Encoding.UTF8, type);
                var accepted = await Keep("POST leveringen", api.PostAsync($"api/besturen/{Board}/leveringen", body));
                ids.Add(System.Text.Json.JsonDocument.Parse(accepted).RootElement.GetProperty("aanleveringId").GetString()!);
            }

            foreach (var id in ids)
            {
                await Eventually.WaitAsync(
                    async () => (await api.GetStringAsync($"api/besturen/{Board}/leveringen/{id}")).Contains("\"afgerond\"", StringComparison.Ordinal) ? "ok" : null,
                    TimeSpan.FromSeconds(90),
                    () => $"delivery {id} did not reach afgerond:{Environment.NewLine}{host.Host.Output}");
                await Keep("GET status", api.GetAsync($"api/besturen/{Board}/leveringen/{id}"));
                await Keep("GET terugmelding", api.GetAsync($"api/besturen/{Board}/leveringen/{id}/terugmelding"));
                using var csv = new HttpRequestMessage(HttpMethod.Get, $"api/besturen/{Board}/leveringen/{id}/terugmelding");
                csv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
                await Keep("GET terugmelding (CSV)", api.SendAsync(csv));
            }

            await Keep("GET leveringen", api.GetAsync($"api/besturen/{Board}/leveringen"));
            await Keep("GET bestuur", api.GetAsync($"api/besturen/{Board}"));
            await Keep("GET dodeletters", api.GetAsync("api/beheer/dodeletters"));
            await Keep("GET health", api.GetAsync(HttpRoutes.Health));
            await smtp.WaitForAsync(m => m.Count(x => x.Subject?.Contains("verwerkt", StringComparison.Ordinal) == true) >= 3, TimeSpan.FromSeconds(60));

            // The metrics are on the output after their next export.
            await Eventually.WaitAsync(
                () => Task.FromResult<string?>(host.Host.Output.Contains("lerarenfunctions.register.duration", StringComparison.Ordinal) ? "ok" : null),
                TimeSpan.FromSeconds(15),
                () => "no metrics on the LocalHost's output");
            var guard = new PrivacyGuard(bsns);
            await CapturePagesAsync(host, Board, ids, guard);
            guard.AddCapturedText("LocalHost output", host.Host.Output);
            guard.AddCapturedTexts("LocalHost HTTP", answers);
            guard.AddCapturedTexts("e-mail", smtp.Messages.Select(Render));
            Assert.Contains("lerarenfunctions.deliveries.received", host.Host.Output, StringComparison.Ordinal);
            Assert.Contains("ForwardBatch", host.Host.Output, StringComparison.Ordinal);
            guard.AssertClean();
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// Reads the board's and the operators' pages of <paramref name="host"/> as a browser would — the portal with its
    /// deliveries, each delivery's page and its terugmelding download, the contact person, and the operators'
    /// overview — and adds their HTML and CSV to <paramref name="guard"/>.
    /// </summary>
    private static async Task CapturePagesAsync(LocalHostApi host, string bestuursnummer, IReadOnlyList<string> deliveryIds, PrivacyGuard guard)
    {
        var (_, key) = await host.IssueKeyAsync(bestuursnummer);
        using var board = await PageClient.SignedInAsync(host.BaseUrl, "portaal", key);
        var pages = new List<string> { "portaal", "portaal/leveringen", "portaal/contactpersoon" };
        foreach (var id in deliveryIds)
        {
            pages.Add($"portaal/leveringen/{id}");
            pages.Add($"portaal/leveringen/{id}/terugmelding.csv");
        }

        foreach (var page in pages)
        {
            guard.AddCapturedText($"page /{page}", await ReadPageAsync(board, page));
        }

        using var operatorPages = await PageClient.SignedInAsync(host.BaseUrl, "beheer", Infrastructure.Access.OperatorOptions.DevelopmentKey);
        foreach (var page in new[] { "beheer", "beheer/onderweg" })
        {
            guard.AddCapturedText($"page /{page}", await ReadPageAsync(operatorPages, page));
        }
    }

    /// <summary>The page's body; a page that does not answer 200 fails the test, so the guard never reads an error page instead.</summary>
    private static async Task<string> ReadPageAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"/{page} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Everything the in-process flow left readable: logs, spans, metrics, e-mails, answers and reports.</summary>
    private static async Task AddEverythingAsync(PrivacyGuard guard, WorkerFlow flow)
    {
        guard.AddCapturedTexts("log (ILogger)", flow.Logs.Lines);
        guard.AddCapturedTexts("log (OpenTelemetry)", flow.Telemetry.LogTexts());
        guard.AddCapturedTexts("span", flow.Telemetry.SpanTexts());
        guard.AddCapturedTexts("metric", flow.Telemetry.MetricTexts());
        guard.AddCapturedTexts("e-mail", flow.Smtp.Messages.Select(Render));
        foreach (var (source, text) in flow.Answers)
        {
            guard.AddCapturedText($"HTTP {source}", text);
        }

        // The reports boards download: masked values only.
        var reports = flow.Azurite.Clients.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer);
        await foreach (var blob in reports.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            guard.AddCapturedText($"terugmelding {blob.Name}", (await reports.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        }
    }

    private static Task<(int Status, string Body)> AnswerAsync(WorkerFlow flow, string source, Task<IResult> call) => flow.AnswerAsync(source, call);

    /// <summary>An e-mail as its reader sees it: headers, subject and both bodies, decoded.</summary>
    private static string Render(MimeMessage message) =>
        $"{message.Headers} {message.Subject} {message.TextBody} {message.HtmlBody}";

    private static HttpRequest JsonRequest(string body)
    {
        var request = FunctionRequests.Request(Operator, body);
        request.ContentType = "application/json";
        return request;
    }

    private static HttpRequest CsvRequest()
    {
        var request = FunctionRequests.Request(Operator);
        request.Headers.Accept = "text/csv";
        return request;
    }
}
