using System.Net;
using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// The rate limit of the <c>POST</c> routes (<c>Api:Snelheid</c>), over real HTTP on the LocalHost with a limit of two
/// requests per minute: counted per key, answered with 429 and <c>Retry-After</c>.
/// </summary>
public sealed class ApiRateLimitRoutesTests(ApiRateLimitRoutesTests.Host host) : IClassFixture<ApiRateLimitRoutesTests.Host>
{
    private const string Board = "10068";

    [Fact]
    public async Task Post_AnswersTooManyRequestsWithRetryAfter_WhenTheKeyMadeItsRequestsOfThePeriod()
    {
        // The operator's one POST of this minute issues the board's key; the board key has a count of its own.
        using var board = host.LocalHost.NewClient((await host.IssueKeyAsync(Board)).Key);

        using var first = await PostAsync(board);
        using var second = await PostAsync(board);
        using var third = await PostAsync(board);
        using var operatorsSecond = await PostAsync(host.LocalHost.Client);

        Assert.Equal(
            (HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.BadRequest),
            (first.StatusCode, second.StatusCode, third.StatusCode, operatorsSecond.StatusCode));
        await ProblemAssert.HasTitleAsync(third, "Te veel verzoeken");
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>A delivery that is refused as soon as it is read: only the count matters here.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client)
    {
        using var body = new StringContent("{}", Encoding.UTF8, "application/json");
        return await client.PostAsync($"api/besturen/{Board}/leveringen", body);
    }

    /// <summary>The LocalHost on an Azurite of its own, with a limit of two POST requests per key per minute.</summary>
    public sealed class Host : OwnLocalHost
    {
        protected override IEnumerable<(string, string, BoardStatus)> Boards => [(Board, "Snelheid", BoardStatus.Actief)];

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Api__Snelheid__Aanvragen"] = "2",
            ["Api__Snelheid__Periode"] = "00:01:00",
        };
    }
}
