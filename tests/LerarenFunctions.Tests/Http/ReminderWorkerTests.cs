using System.Globalization;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Tests.Http;

/// <summary>The worker's reminder dry-run function on the worker's composition, outside Development: the configured operator key.</summary>
[Collection(StorageCollection.Name)]
public sealed class ReminderWorkerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Board = "10077";

    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        await TestBoards.AddAsync(azurite.Clients, Board, TimeSpan.FromDays(30));
        _host = await WorkerHost.StartAsync(azurite.ConnectionString, new Uri("http://127.0.0.1:1/"), []);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task PreviewReminders_ListsTheGeenContactpersoonReminder_WhenTheConfiguredOperatorKeyIsSent()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

        var result = await _host.Function<PreviewRemindersFunction>().Run(Request($"Bearer {TestKeys.Operator}", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), CancellationToken.None);

        var preview = Assert.IsType<Ok<ReminderPreview>>(result).Value!;
        Assert.Equal(day, preview.Datum);
        var line = Assert.Single(preview.Herinneringen, l => l.Bestuursnummer == Board);
        Assert.Equal(("geen-contactpersoon", 1, false, TestBoards.Address(Board).Value), (line.Regel, line.Nummer, line.Escalatie, line.Aan));
    }

    [Fact]
    public async Task PreviewReminders_AnswersUnauthorized_WhenTheDevelopmentKeyIsSentOutsideDevelopment()
    {
        var request = Request($"Bearer {OperatorOptions.DevelopmentKey}");

        var result = await _host.Function<PreviewRemindersFunction>().Run(request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, Assert.IsType<ProblemHttpResult>(result).StatusCode);
        Assert.Equal("Bearer", request.HttpContext.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task PreviewReminders_AnswersBadRequest_WhenTheDateIsNotJjjjMmDd()
    {
        var result = await _host.Function<PreviewRemindersFunction>().Run(Request($"Bearer {TestKeys.Operator}", "01-09-2026"), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal((StatusCodes.Status400BadRequest, "Ongeldige datum"), (problem.StatusCode, problem.ProblemDetails.Title));
    }

    private static HttpRequest Request(string authorization, string? datum = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;
        if (datum is not null)
        {
            context.Request.QueryString = QueryString.Create("datum", datum);
        }

        return context.Request;
    }
}
