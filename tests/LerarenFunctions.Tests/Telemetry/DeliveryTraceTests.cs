using System.Diagnostics;
using LerarenFunctions.Core.Email;
using LerarenFunctions.Core.Telemetry;
using LerarenFunctions.Functions;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Telemetry;

/// <summary>
/// One delivery, one trace: the intake, every batch with its register call, the close and the e-mails share the
/// trace id derived from the delivery id, each span carries the delivery id and the bestuursnummer, and so does every
/// log line of the use cases (their scope).
/// </summary>
public sealed class DeliveryTraceTests
{
    private const string Board = "10301";

    [Fact]
    public async Task Deliver_PutsEverySpanOfOneDeliveryInOneTraceWithItsIdAndBoard_WhenItIsForwardedAndMailed()
    {
        await using var flow = await WorkerFlow.StartAsync();
        await TestBoards.AddAsync(flow.Azurite.Clients, Board, name: "Stichting Spoor 10301");
        await flow.AnswerAsync("contactpersoon", flow.Function<SetContactPersonFunction>().Run(
            FunctionRequests.Request($"Bearer {TestKeys.Operator}", """{"naam": "T. Spoor", "emailadres": "t.spoor@voorbeeld.example"}"""), Board, CancellationToken.None));

        // Seven rows in batches of three: three batches, three register calls.
        var id = await flow.DeliverAsync($"{Board}/leraren.csv", SyntheticData.TeacherCsv(Board, 7, seed: 301));
        await flow.ForwardAllAsync();
        await flow.SendAllEmailsAsync();
        flow.Flush();

        var trace = DeliveryTrace.TraceIdOf(id);
        var spans = flow.Telemetry.Spans.Where(s => s.TraceId == trace).ToList();
        Assert.Single(spans, s => s.DisplayName == "ReceiveDelivery");
        var batches = spans.Where(s => s.DisplayName == "ForwardBatch").ToList();
        Assert.Equal([1, 2, 3], batches.Select(b => Convert.ToInt32(b.GetTagItem(LerarenTelemetry.BatchTag), System.Globalization.CultureInfo.InvariantCulture)).Order());
        var calls = spans.Where(s => s.Kind == ActivityKind.Client).ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Contains(c.ParentSpanId, batches.Select(b => b.SpanId)));
        Assert.All(calls, c => Assert.EndsWith("/v1/aanleveringen", c.GetTagItem("url.full")?.ToString(), StringComparison.Ordinal));
        Assert.Contains(spans, s => s.DisplayName == "CloseDelivery");
        Assert.Equal(2, spans.Count(s => s.DisplayName == nameof(SendEmail)));

        // Every span of the trace is tagged; the batches hang below the intake that queued them (the message's traceparent).
        Assert.All(spans, s => Assert.Equal((id, Board), (s.GetTagItem(LerarenTelemetry.DeliveryIdTag), s.GetTagItem(LerarenTelemetry.BestuursnummerTag))));
        var intake = spans.Single(s => s.DisplayName == "ReceiveDelivery");
        Assert.All(batches, b => Assert.Equal(intake.SpanId, b.ParentSpanId));
        Assert.Equal(default, intake.ParentSpanId);

        // Nothing but register calls is traced over HTTP: a storage request's URL may hold a file name.
        Assert.DoesNotContain(flow.Telemetry.Spans, s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full")?.ToString()?.Contains("/v1/aanleveringen", StringComparison.Ordinal) != true);

        // The use cases' log lines carry the delivery and the board in their scope, and the trace's id.
        Assert.Contains(flow.Logs.Lines, l => l.Contains($"Delivery {id} validated", StringComparison.Ordinal)
            && l.Contains($"scope aanlevering {id} (bestuur {Board})", StringComparison.Ordinal));
        Assert.Contains(flow.Telemetry.LogTexts(), l => l.Contains($"Delivery {id} validated", StringComparison.Ordinal)
            && l.Contains($"scope {LerarenTelemetry.DeliveryIdTag}={id}", StringComparison.Ordinal)
            && l.Contains($"scope {LerarenTelemetry.BestuursnummerTag}={Board}", StringComparison.Ordinal));
    }

    [Fact]
    public void TraceIdOf_IsTheSameForAnIdAndDiffersBetweenIds_Always()
    {
        Assert.Equal(DeliveryTrace.TraceIdOf("10053-aa"), DeliveryTrace.TraceIdOf("10053-aa"));
        Assert.NotEqual(DeliveryTrace.TraceIdOf("10053-aa"), DeliveryTrace.TraceIdOf("10053-ab"));
        Assert.Equal("10053", DeliveryTrace.BestuursnummerOf("10053-3f2a9c0d1e4b5a6978877665"));
    }
}
