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
/// storage is a port where nothing listens (a host cannot start that way: it creates its tables first).
/// </summary>
[Collection(StorageCollection.Name)]
public sealed class HealthRoutesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Get_AnswersGezondAndNothingElse_WhenStorageAnswersAndNoKeyIsSent()
    {
        await using var host = await LocalHostApi.StartAsync(azurite);
        using var anonymous = host.NewClient();

        using var response = await anonymous.GetAsync(HttpRoutes.Health);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        AssertOnlyStatus("gezond", body);
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
    }

    /// <summary>The body is <c>{"status": expected}</c> and not a property more: no check names, errors or versions.</summary>
    private static void AssertOnlyStatus(string expected, string body)
    {
        using var json = JsonDocument.Parse(body);
        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal(("status", expected), (property.Name, property.Value.GetString()));
    }
}
