using System.Net;
using System.Text.Json;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>GET /api/health</c>: over real HTTP on the LocalHost (on Azurite), and the worker's function on a composition whose
/// storage is a port where nothing listens (a host cannot start that way: it creates its tables first). Anonymous
/// callers get one word; the operator key shows each check with its numbers, never an error's text.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class HealthRoutesTests(AzuriteFixture azurite)
{
    /// <summary>Thresholds above what the shared storage's other tests leave on its queues and in its dead letters.</summary>
    private static readonly Dictionary<string, string> Lenient = new()
    {
        ["Health__MaxForwardingMessages"] = "1000000",
        ["Health__MaxEmailMessages"] = "1000000",
        ["Health__MaxPoisonMessages"] = "1000000",
        ["Health__MaxDeadLetters"] = "1000000",
    };

    [Fact]
    public async Task Get_AnswersGezondAndNothingElse_WhenStorageAndRegisterAnswerAndNoKeyIsSent()
    {
        await using var register = await SimulatorServer.StartAsync();
        await using var host = await LocalHostApi.StartAsync(azurite, new Dictionary<string, string>(Lenient) { ["Register__BaseUrl"] = register.BaseUrl.ToString() });
        using var anonymous = host.NewClient();

        using var response = await anonymous.GetAsync(HttpRoutes.Health);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        AssertOnlyStatus("gezond", body);
    }

    [Fact]
    public async Task Get_Answers200VerminderdAndNothingElse_WhenTheRegisterDoesNotAnswer()
    {
        // The LocalHost's register is a loopback port where nothing listens.
        await using var host = await LocalHostApi.StartAsync(azurite, Lenient);
        using var anonymous = host.NewClient();
        using var wrongKey = host.NewClient("geen-geldige-sleutel");

        using var response = await anonymous.GetAsync(HttpRoutes.Health);
        using var guessed = await wrongKey.GetAsync(HttpRoutes.Health);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, guessed.StatusCode));
        AssertOnlyStatus("verminderd", await response.Content.ReadAsStringAsync());
        AssertOnlyStatus("verminderd", await guessed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_ListsEveryCheckWithItsNumbersAndNoInternals_WhenTheOperatorKeyIsSent()
    {
        await using var host = await LocalHostApi.StartAsync(azurite, new Dictionary<string, string>(Lenient) { ["Health__MaxDeadLetters"] = "0" });
        var letters = azurite.Clients.Tables.GetTableClient(StorageNames.DeadLettersTable);
        const string Letter = "10001-000000000000000000health-00001";
        await letters.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("dodeletter", Letter));
        string body;
        HttpStatusCode status;
        try
        {
            using var response = await host.Client.GetAsync(HttpRoutes.Health);
            (status, body) = (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await letters.DeleteEntityAsync("dodeletter", Letter);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("verminderd", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("controles").EnumerateArray().ToDictionary(c => c.GetProperty("naam").GetString()!);
        Assert.Equal(["dodeletters", "opslag", "register", "wachtrijen"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("gezond", "De opslag antwoordt."), (checks["opslag"].GetProperty("status").GetString(), checks["opslag"].GetProperty("beschrijving").GetString()));
        Assert.Equal("verminderd", checks["register"].GetProperty("status").GetString());
        Assert.StartsWith("Het register antwoordt niet", checks["register"].GetProperty("beschrijving").GetString(), StringComparison.Ordinal);
        Assert.True(checks["dodeletters"].GetProperty("gegevens").GetProperty("aantal").GetInt64() >= 1);
        Assert.Equal("verminderd", checks["dodeletters"].GetProperty("status").GetString());
        var queues = checks["wachtrijen"].GetProperty("gegevens");
        Assert.Equal(
            [StorageNames.ForwardingQueue, StorageNames.ForwardingPoisonQueue, StorageNames.EmailQueue, StorageNames.EmailQueue + StorageNames.PoisonSuffix],
            queues.EnumerateObject().Select(q => q.Name));
        // No error text, host or port of the register that failed.
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Run_Answers503OngezondWithoutInternals_WhenStorageIsUnreachable()
    {
        var closed = AzuritePorts.FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.Connection] = new AzuritePorts(closed, closed, closed).ConnectionString,
            ["Register:BaseUrl"] = "http://127.0.0.1:1/",
        });
        builder.AddLerarenFunctions();
        using var services = (ServiceProvider)builder.Build().Services;
        var function = ActivatorUtilities.CreateInstance<GetHealthFunction>(services);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        var result = await function.Run(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        var body = await reader.ReadToEndAsync();

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        AssertOnlyStatus("ongezond", body);
        Assert.DoesNotContain(closed.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);

        // The operator sees which check failed, in fixed words: not the storage client's error, not its address.
        context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Authorization = $"Bearer {TestKeys.Operator}";
        context.Response.Body = new MemoryStream();
        await (await function.Run(context.Request, CancellationToken.None)).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var detailedReader = new StreamReader(context.Response.Body);
        var detailed = await detailedReader.ReadToEndAsync();
        using var json = JsonDocument.Parse(detailed);
        var checks = json.RootElement.GetProperty("controles").EnumerateArray().ToDictionary(c => c.GetProperty("naam").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(("ongezond", "ongezond", "verminderd", "verminderd", "verminderd"), (json.RootElement.GetProperty("status").GetString(), checks["opslag"], checks["register"], checks["wachtrijen"], checks["dodeletters"]));
        Assert.DoesNotContain(closed.ToString(System.Globalization.CultureInfo.InvariantCulture), detailed, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", detailed, StringComparison.Ordinal);
    }

    /// <summary>The body is <c>{"status": expected}</c> and not a property more: no check names, errors or versions.</summary>
    private static void AssertOnlyStatus(string expected, string body)
    {
        using var json = JsonDocument.Parse(body);
        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal(("status", expected), (property.Name, property.Value.GetString()));
    }
}
