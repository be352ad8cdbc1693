using System.Text;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Storage.Tables;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Tests.Http;

/// <summary>The worker's contact person functions on the worker's composition, outside Development: the configured operator key.</summary>
[Collection(StorageCollection.Name)]
public sealed class ContactPersonWorkerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Board = "10083";

    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        var board = new Board { Bestuursnummer = Bestuursnummer.Parse(Board), Naam = "Stichting Worker", Sectors = [Sector.Po], ImportedAt = DateTimeOffset.UtcNow, ChangedAt = DateTimeOffset.UtcNow };
        await new TableBoardStore(azurite.Clients).TryAddAsync(board, new BoardChange(board.Bestuursnummer, board.ImportedAt, "test", BoardChange.Bestuur, null, board.Describe()), CancellationToken.None);
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, new Uri("http://127.0.0.1:1/"), []);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task SetAndGetContactPerson_StoreAndShowIt_WhenTheConfiguredOperatorKeyIsSent()
    {
        var put = await _host.Function<SetContactPersonFunction>().Run(
            Request($"Bearer {TestKeys.Operator}", """{"naam": "H. Heuvel", "emailadres": "h.heuvel@voorbeeld.example"}"""), Board, CancellationToken.None);
        var get = await _host.Function<GetContactPersonFunction>().Run(Request($"Bearer {TestKeys.Operator}"), Board, CancellationToken.None);

        Assert.IsType<Ok<ContactPersonsView>>(put);
        var view = Assert.IsType<Ok<ContactPersonsView>>(get).Value!;
        Assert.Equal(("H. Heuvel", "h.heuvel@voorbeeld.example"), (view.Contactpersoon!.Naam, view.Contactpersoon.EmailAdres));
    }

    [Fact]
    public async Task GetContactPerson_AnswersUnauthorized_WhenTheDevelopmentKeyIsSentOutsideDevelopment()
    {
        var request = Request($"Bearer {Infrastructure.Access.OperatorOptions.DevelopmentKey}");

        var result = await _host.Function<GetContactPersonFunction>().Run(request, Board, CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, Assert.IsType<ProblemHttpResult>(result).StatusCode);
        Assert.Equal("Bearer", request.HttpContext.Response.Headers.WWWAuthenticate.ToString());
    }

    private static HttpRequest Request(string authorization, string? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }
}
