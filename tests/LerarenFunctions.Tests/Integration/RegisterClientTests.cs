using System.Net;
using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Register;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.RegisterSimulator;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// The real <see cref="RegisterClient"/>, composed as the hosts compose it (typed client, standard resilience handler),
/// against the register simulator over real HTTP. An answer that breaks the contract must be a clear, retryable failure
/// — never a NullReferenceException, which the queue would redeliver to the poison queue, and never a silent
/// <c>afgewezen</c>. Synthetic BSNs only.
/// </summary>
public sealed class RegisterClientTests : IAsyncLifetime
{
    private const string KnownBsn = "111222333";
    private const string UnknownBsn = "123456782";

    private SimulatorServer _simulator = null!;
    private IHost _host = null!;
    private int _batches;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["RegisterSimulator:UnknownBsns:0"] = UnknownBsn,
        });

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Never used: the host is not started, the client needs no storage.
            [StorageNames.Connection] = "UseDevelopmentStorage=true",
            ["Register:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["Register:AttemptTimeout"] = "00:00:02",
            ["Register:TotalTimeout"] = "00:00:05",
            ["Register:MaxRetries"] = "1",
            ["Register:RetryDelay"] = "00:00:00.010",
        });
        builder.AddLerarenFunctions();
        _host = builder.Build();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task SubmitAsync_MapsResultsInOrder_WhenAnswerIsValid()
    {
        var third = SyntheticData.Bsns(seed: 31).First(b => b is not (KnownBsn or UnknownBsn));
        var records = Records(KnownBsn, UnknownBsn, third);

        var results = await SubmitAsync(records);

        Assert.Equal([2, 3, 4], results.Select(r => r.Row));
        Assert.Equal([RecordOutcome.Geregistreerd, RecordOutcome.Afgewezen, RecordOutcome.Geregistreerd], results.Select(r => r.Outcome));
        Assert.Matches("^REG-[0-9]{8}$", results[0].RegistrationId);
        Assert.Null(results[0].Reason);
        Assert.Equal((null, "BSN_ONBEKEND_IN_BRP"), (results[1].RegistrationId, results[1].Reason));
        Assert.NotEqual(results[0].RegistrationId, results[2].RegistrationId);
        RegisterAssert.AppliedOnce(_simulator.State, [KnownBsn, third]);
    }

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenResultatenIsNull() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.ResultatenNull, "without resultaten");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenResultatenIsMissing() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.ResultatenOntbreken, "without resultaten");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenResultatenIsNotAList() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.ResultatenGeenLijst, "$.resultaten");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenAResultIsNull() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.ResultaatNull, "result 1 of 3 is null");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenFewerResultsThanRecords() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.TeWeinigResultaten, "2 results for 3 teachers");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenMoreResultsThanRecords() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.TeVeelResultaten, "4 results for 3 teachers");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenStatusIsUnknown() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.OnbekendeStatus, "result 1 of 3 has status 'onbekend'");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenStatusHasWrongCase() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.StatusHoofdletter, "result 1 of 3 has status 'Geregistreerd'");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenStatusIsNull() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.StatusNull, "result 1 of 3 has no status");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenGeregistreerdHasNoRegistratieId() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.ZonderRegistratieId, "result 1 of 3 is geregistreerd without a registratieId");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenAfgewezenHasNoReden() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.ZonderReden, "result 1 of 3 is afgewezen without a reden");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenGeregistreerdAlsoHasReden() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.RegistratieIdEnReden, "result 1 of 3 is geregistreerd but also has a reden");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenAfgewezenAlsoHasRegistratieId() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.AfgewezenMetRegistratieId, "result 1 of 3 is afgewezen but also has a registratieId");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenBodyIsEmpty() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.GeenBody, "without a body");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenBodyIsHtml() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.GeenJson, "Content-Type 'text/html'");

    [Fact]
    public Task SubmitAsync_ThrowsAnswerInvalid_WhenJsonIsCutOff() =>
        AssertAnswerInvalidAsync(BrokenAnswerKind.OngeldigeJson, "not valid JSON");

    /// <summary>The fault is also settable from configuration, as the end-to-end tests and the LocalHost set it.</summary>
    [Fact]
    public async Task SubmitAsync_ThrowsAnswerInvalid_WhenBrokenAnswerIsConfigured()
    {
        await using var simulator = await SimulatorServer.StartAsync(new Dictionary<string, string?>
        {
            ["RegisterSimulator:Faults:BrokenAnswer"] = "OnbekendeStatus",
        });
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };

        var invalid = await Assert.ThrowsAsync<RegisterAnswerInvalidException>(() => new RegisterClient(http).SubmitAsync(Bestuur(), Records(KnownBsn), NextKey(), CancellationToken.None));

        Assert.Equal(BrokenAnswerKind.OnbekendeStatus, simulator.State.Faults.BrokenAnswer);
        Assert.Contains("has status 'onbekend'", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_GetsFirstAnswerWithoutApplyingAgain_WhenRetriedAfterBrokenAnswer()
    {
        var records = Records(KnownBsn, UnknownBsn);
        var key = NextKey();
        _simulator.State.Faults.BrokenAnswer = BrokenAnswerKind.ResultatenNull;
        await Assert.ThrowsAsync<RegisterAnswerInvalidException>(() => SubmitAsync(records, key));

        _simulator.State.Faults.BrokenAnswer = null;
        var results = await SubmitAsync(records, key);

        Assert.Equal([RecordOutcome.Geregistreerd, RecordOutcome.Afgewezen], results.Select(r => r.Outcome));
        RegisterAssert.AppliedOnce(_simulator.State, [KnownBsn]);
    }

    [Fact]
    public async Task SubmitAsync_ThrowsRefusedWithMaskedBsn_WhenRefusalQuotesBsn()
    {
        _simulator.State.Faults.RefuseWithStatus = 400;

        var refused = await Assert.ThrowsAsync<RegisterRefusedException>(() => SubmitAsync(Records(KnownBsn, UnknownBsn)));

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("******333", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KnownBsn, refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, _simulator.State.Requests);
        Assert.Empty(_simulator.State.List());
    }

    /// <summary>
    /// Only the start of a problem is kept: a BSN that straddles the cut must not leave its first digits behind,
    /// which a cut before masking would (a run of fewer than eight digits is not masked).
    /// </summary>
    [Fact]
    public async Task SubmitAsync_KeepsNoDigitsOfBsn_WhenRefusalIsCutWithinBsn()
    {
        var problem = $$"""{"title":"Geweigerd","detail":"{{new string('x', 460)}}BSN {{KnownBsn}} onbekend."}""";
        Assert.InRange(problem.IndexOf(KnownBsn, StringComparison.Ordinal), 490, 499);
        using var answer = new FixedAnswer(HttpStatusCode.UnprocessableEntity, problem, "application/problem+json");
        using var http = answer.Client();
        var client = new RegisterClient(http);

        var refused = await Assert.ThrowsAsync<RegisterRefusedException>(() => client.SubmitAsync(Bestuur(), Records(KnownBsn), NextKey(), CancellationToken.None));

        Assert.Equal(422, refused.StatusCode);
        Assert.DoesNotContain("1112", refused.Message, StringComparison.Ordinal);
        Assert.Contains("BSN ****", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A status is quoted so operators see what came back, but never a digit run that may be a BSN.</summary>
    [Fact]
    public async Task SubmitAsync_MasksDigitRunsInQuotedStatus_WhenStatusHoldsDigits()
    {
        using var answer = new FixedAnswer(HttpStatusCode.OK, $$"""{"resultaten":[{"status":"onbekend {{KnownBsn}}"}]}""", "application/json");
        using var http = answer.Client();
        var client = new RegisterClient(http);

        var invalid = await Assert.ThrowsAsync<RegisterAnswerInvalidException>(() => client.SubmitAsync(Bestuur(), Records(KnownBsn), NextKey(), CancellationToken.None));

        Assert.Contains("'onbekend ******333'", invalid.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KnownBsn, invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ThrowsAnswerInvalid_WhenStatusIsGivenTwice()
    {
        using var answer = new FixedAnswer(HttpStatusCode.OK, """{"resultaten":[{"status":"afgewezen","status":"geregistreerd","registratieId":"REG-1"}]}""", "application/json");
        using var http = answer.Client();
        var client = new RegisterClient(http);

        var invalid = await Assert.ThrowsAsync<RegisterAnswerInvalidException>(() => client.SubmitAsync(Bestuur(), Records(KnownBsn), NextKey(), CancellationToken.None));

        Assert.Contains("not valid JSON of the contract's shape", invalid.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The simulator applied the batch and then broke its answer: the client must fail the attempt with a message that
    /// names what was wrong and holds no BSN, without the handler retrying a 200.
    /// </summary>
    private async Task AssertAnswerInvalidAsync(BrokenAnswerKind kind, string expected)
    {
        var third = SyntheticData.Bsns(seed: 32).First(b => b is not (KnownBsn or UnknownBsn));
        var key = NextKey();
        _simulator.State.Faults.BrokenAnswer = kind;

        var invalid = await Assert.ThrowsAsync<RegisterAnswerInvalidException>(() => SubmitAsync(Records(KnownBsn, UnknownBsn, third), key));

        Assert.Contains(expected, invalid.Message, StringComparison.Ordinal);
        Assert.Contains(key, invalid.Message, StringComparison.Ordinal);
        Assert.All(new[] { KnownBsn, UnknownBsn, third }, bsn => Assert.DoesNotContain(bsn, invalid.Message, StringComparison.Ordinal));
        Assert.Equal(1, _simulator.State.Requests);
    }

    private Task<IReadOnlyList<RecordResult>> SubmitAsync(IReadOnlyList<TeacherRecord> records, string? key = null) =>
        _host.Services.GetRequiredService<IRegisterClient>().SubmitAsync(Bestuur(), records, key ?? NextKey(), CancellationToken.None);

    private string NextKey() => $"10053-{"c0ffee".PadRight(24, '0')}-{Interlocked.Increment(ref _batches):D5}";

    private static Bestuursnummer Bestuur() =>
        Bestuursnummer.TryParse("10053", out var bestuursnummer) ? bestuursnummer : throw new InvalidOperationException("10053 is a board number.");

    /// <summary>Records as validation hands them on, from row 2, in the order of <paramref name="bsns"/>.</summary>
    private static List<TeacherRecord> Records(params string[] bsns) =>
        [.. bsns.Select((text, i) =>
        {
            Assert.True(Bsn.TryParse(text, out var bsn));
            Assert.True(Brin.TryParse("12AB", out var brin));
            var fields = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [TeacherFileColumns.RegelId] = $"R{i + 1}",
                [TeacherFileColumns.Bestuursnummer] = "10053",
                [TeacherFileColumns.Bsn] = text,
                [TeacherFileColumns.Geslacht] = "V",
                [TeacherFileColumns.Geboortedatum] = "1985-03-14",
                [TeacherFileColumns.Woonland] = "NL",
                [TeacherFileColumns.Benoemingsgrondslag] = "701",
                [TeacherFileColumns.BegindatumBenoeming] = "2019-08-01",
                [TeacherFileColumns.Brinnummer] = "12AB",
                [TeacherFileColumns.BegindatumDienstverband] = "2019-08-01",
            };
            return new TeacherRecord(i + 2, bsn, brin, fields);
        })];

    /// <summary>One fixed answer to every request, for bodies the simulator has no fault for.</summary>
    private sealed class FixedAnswer(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
    {
        public HttpClient Client() => new(this, disposeHandler: false) { BaseAddress = new Uri("http://127.0.0.1:1/") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
    }
}
