using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using LerarenFunctions.Functions;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.LocalHost.Hosting;
using LerarenFunctions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>GET /api/openapi.json</c> over real HTTP on the LocalHost: the document's paths, methods and operation ids are
/// exactly the API routes (below <c>api/</c>) the LocalHost maps and the worker's HTTP triggers declare, nothing missing
/// and nothing extra.
/// </summary>
[Collection(StorageCollection.Name)]
public sealed partial class OpenApiRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] OperationKeys = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private LocalHostApi _host = null!;

    public async Task InitializeAsync() => _host = await LocalHostApi.StartAsync(azurite);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_DescribesExactlyTheRoutesOfBothHosts_Always()
    {
        using var document = await GetDocumentAsync();

        var documented = DocumentedOperations(document.RootElement);
        var local = LocalHostOperations();
        var worker = WorkerOperations();

        Assert.NotEmpty(worker);
        Assert.Equal(worker, local);
        Assert.Equal(worker, documented);
    }

    [Fact]
    public async Task Get_ServesTheDocumentTheWorkerEmbeds_WithoutAKey()
    {
        using var anonymous = _host.NewClient();
        using var response = await anonymous.GetAsync(HttpRoutes.OpenApi);
        var served = await response.Content.ReadAsByteArrayAsync();

        using var stream = typeof(GetOpenApiDocumentFunction).Assembly.GetManifestResourceStream("LerarenFunctions.openapi.json");
        Assert.NotNull(stream);
        using var embedded = new MemoryStream();
        await stream.CopyToAsync(embedded);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(embedded.ToArray(), served);
    }

    [Fact]
    public async Task Get_IsAValidOpenApi3DocumentWithTheBearerSchemeAndOpenHealth_Always()
    {
        using var document = await GetDocumentAsync();
        var root = document.RootElement;

        Assert.StartsWith("3.0.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("sleutel");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.Equal(JsonValueKind.Object, root.GetProperty("components").GetProperty("schemas").GetProperty("Probleem").ValueKind);
        foreach (var open in new[] { HttpRoutes.Health, HttpRoutes.OpenApi })
        {
            var security = root.GetProperty("paths").GetProperty("/" + open).GetProperty("get").GetProperty("security");
            Assert.Equal(0, security.GetArrayLength());
        }

        // Every reference resolves, and every operation declares each parameter of its path.
        foreach (var reference in References(root))
        {
            Assert.True(Resolve(root, reference).ValueKind != JsonValueKind.Undefined, $"{reference} does not resolve.");
        }

        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var expected = PathParameter().Matches(path.Name).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
            foreach (var operation in path.Value.EnumerateObject().Where(o => OperationKeys.Contains(o.Name)))
            {
                var declared = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Select(p => p.TryGetProperty("$ref", out var r) ? Resolve(root, r.GetString()!) : p)
                        .Where(p => p.GetProperty("in").GetString() == "path")
                        .Select(p => p.GetProperty("name").GetString()!)
                        .Order(StringComparer.Ordinal)
                        .ToList()
                    : [];
                Assert.True(expected.SequenceEqual(declared), $"{operation.Name.ToUpperInvariant()} {path.Name} declares path parameters [{string.Join(", ", declared)}].");
                Assert.True(operation.Value.TryGetProperty("responses", out _), $"{operation.Name.ToUpperInvariant()} {path.Name} has no responses.");
            }
        }
    }

    private async Task<JsonDocument> GetDocumentAsync()
    {
        using var anonymous = _host.NewClient();
        return JsonDocument.Parse(await anonymous.GetStringAsync(HttpRoutes.OpenApi));
    }

    /// <summary>"METHOD /api/route name" per operation of the document, its operationId as the name.</summary>
    private static List<string> DocumentedOperations(JsonElement root) =>
    [
        .. root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(o => OperationKeys.Contains(o.Name))
                .Select(o => $"{o.Name.ToUpperInvariant()} {path.Name} {o.Value.GetProperty("operationId").GetString()}"))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>What the LocalHost maps below <c>/api</c>, read from its endpoint data sources.</summary>
    private static List<string> LocalHostOperations()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapLerarenFunctionsHttp();
        return
        [
            .. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .Where(e => IsApi(e.RoutePattern.RawText!))
                .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                    $"{method.ToUpperInvariant()} {Normalize(e.RoutePattern.RawText!)} {e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName}"))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>What the worker's HTTP triggers declare, read by reflection from their attributes.</summary>
    private static List<string> WorkerOperations() =>
    [
        .. WorkerHost.FunctionTypes
            .SelectMany(t => t.GetMethods())
            .Select(m => (Name: m.GetCustomAttribute<FunctionAttribute>()?.Name, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Name is not null && f.Trigger is not null && IsApi(f.Trigger.Route!))
            .SelectMany(f => (f.Trigger!.Methods ?? []).Select(method => $"{method.ToUpperInvariant()} {Normalize(f.Trigger.Route!)} {f.Name}"))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Whether a route is the API's: the pages (<c>/portaal</c>, <c>/beheer</c>) serve HTML and are not described.</summary>
    private static bool IsApi(string route) => route.TrimStart('/').StartsWith(HttpRoutes.Api, StringComparison.Ordinal);

    /// <summary>A route as OpenAPI writes it: one leading slash, no constraints (<c>{batch:int}</c> is <c>{batch}</c>).</summary>
    private static string Normalize(string route) => "/" + RouteConstraint().Replace(route.TrimStart('/'), "}");

    private static IEnumerable<string> References(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var reference in References(property.Value))
                        {
                            yield return reference;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var reference in element.EnumerateArray().SelectMany(References))
                {
                    yield return reference;
                }

                break;
        }
    }

    /// <summary>The element a local reference (<c>#/components/...</c>) points at; Undefined when there is none.</summary>
    private static JsonElement Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return default;
        }

        var current = root;
        foreach (var part in reference[2..].Split('/'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out current))
            {
                return default;
            }
        }

        return current;
    }

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{([^}:]+)")]
    private static partial Regex PathParameter();
}
