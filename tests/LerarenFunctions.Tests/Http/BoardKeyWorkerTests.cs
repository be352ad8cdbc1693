using LerarenFunctions.Core.Boards;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using static LerarenFunctions.Tests.Support.FunctionRequests;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// The worker's board key functions on the worker's composition, outside Development (the configured operator key),
/// with the contact person functions a board key opens.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class BoardKeyWorkerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Board = "10097";
    private const string Other = "10098";

    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        await TestBoards.AddAsync(azurite.Clients, Board, TimeSpan.FromDays(1));
        await TestBoards.AddAsync(azurite.Clients, Other, TimeSpan.FromDays(1));
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, new Uri("http://127.0.0.1:1/"), []);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task BoardKeyFunctions_IssueListAndRevoke_WhenTheConfiguredOperatorKeyIsSent()
    {
        var issued = Assert.IsType<Created<IssuedBoardKey>>(await IssueAsync(Board)).Value!;
        var put = await _host.Function<SetContactPersonFunction>().Run(
            Request($"Bearer {issued.Sleutel}", """{"naam": "K. Klein", "emailadres": "k.klein@voorbeeld.example"}"""), Board, CancellationToken.None);
        var get = await _host.Function<GetContactPersonFunction>().Run(Request($"Bearer {issued.Sleutel}"), Board, CancellationToken.None);

        Assert.IsType<Ok<ContactPersonsView>>(put);
        Assert.Equal("K. Klein", Assert.IsType<Ok<ContactPersonsView>>(get).Value!.Contactpersoon!.Naam);

        var listed = Assert.IsType<Ok<IReadOnlyList<BoardKeyView>>>(
            await _host.Function<ListBoardKeysFunction>().Run(Request($"Bearer {TestKeys.Operator}"), Board, CancellationToken.None)).Value!;
        var view = Assert.Single(listed, k => k.SleutelId == issued.SleutelId);
        Assert.NotNull(view.LaatstGebruiktOp);

        var revoked = await _host.Function<RevokeBoardKeyFunction>().Run(Request($"Bearer {TestKeys.Operator}"), Board, issued.SleutelId, CancellationToken.None);
        Assert.IsType<NoContent>(revoked);

        var request = Request($"Bearer {issued.Sleutel}");
        var refused = await _host.Function<GetContactPersonFunction>().Run(request, Board, CancellationToken.None);
        Assert.Equal(StatusCodes.Status401Unauthorized, Assert.IsType<ProblemHttpResult>(refused).StatusCode);
        Assert.Equal("Bearer", request.HttpContext.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task GetContactPerson_AnswersForbidden_WhenAnotherBoardsKeyIsSent()
    {
        var issued = Assert.IsType<Created<IssuedBoardKey>>(await IssueAsync(Other)).Value!;

        var result = await _host.Function<GetContactPersonFunction>().Run(Request($"Bearer {issued.Sleutel}"), Board, CancellationToken.None);

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsType<ProblemHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task IssueBoardKey_AnswersUnauthorized_WhenTheDevelopmentKeyIsSentOutsideDevelopment()
    {
        var request = Request($"Bearer {OperatorOptions.DevelopmentKey}");

        var result = await _host.Function<IssueBoardKeyFunction>().Run(request, Board, CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, Assert.IsType<ProblemHttpResult>(result).StatusCode);
        Assert.Equal("Bearer", request.HttpContext.Response.Headers.WWWAuthenticate.ToString());
    }

    private Task<IResult> IssueAsync(string board) =>
        _host.Function<IssueBoardKeyFunction>().Run(Request($"Bearer {TestKeys.Operator}"), board, CancellationToken.None);
}
