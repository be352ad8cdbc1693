using LerarenFunctions.Core.Boards;
using LerarenFunctions.Functions;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;
using static LerarenFunctions.Tests.Support.FunctionRequests;

namespace LerarenFunctions.Tests.Http;

/// <summary>The worker's contact person functions on the worker's composition, outside Development: the configured operator key.</summary>
[Collection(StorageCollection.Name)]
public sealed class ContactPersonWorkerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Board = "10083";

    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        await TestBoards.AddAsync(azurite.Clients, Board, name: "Stichting Worker", sector: Sector.Po, withAddress: false);
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
}
