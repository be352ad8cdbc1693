using System.Reflection;
using System.Text.Json;
using LerarenFunctions.LocalHost.Development;
using LerarenFunctions.LocalHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.WebJobs;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Integration;

/// <summary>
/// The worker's generated <c>functions.metadata</c> is what Azure runs; the LocalHost must bind exactly the same
/// functions to the same containers, queues, schedules, routes and connections, or local runs prove nothing.
/// </summary>
public class BindingDriftTests
{
    [Fact]
    public void LocalHostBindings_EqualWorkerMetadata_Always()
    {
        var worker = WorkerBindings();
        var local = LocalHostTriggerBindings().Concat(LocalHostHttpBindings()).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(worker);
        Assert.Equal(worker, local);
    }

    [Fact]
    public void WorkerFunctions_ResolveFromTheComposition_Always()
    {
        using var services = Composition();

        Assert.NotEmpty(WorkerHost.FunctionTypes);
        Assert.All(WorkerHost.FunctionTypes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(services, type)));
    }

    [Fact]
    public void LocalHostFunctions_ResolveFromTheComposition_Always()
    {
        using var services = Composition();

        Assert.Equal(WorkerHost.FunctionTypes.Count - HttpFunctionCount(), LocalHostExtensions.TriggerFunctionTypes.Count);
        Assert.All(LocalHostExtensions.TriggerFunctionTypes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(services, type)));
    }

    /// <summary>The one composition both hosts call, on in-memory settings; nothing is started or called.</summary>
    private static ServiceProvider Composition()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(TestKeys.HostDefaults);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Infrastructure.Storage.StorageNames.Connection] = "UseDevelopmentStorage=true",
            ["Register:BaseUrl"] = "http://127.0.0.1:1/",
        });
        builder.AddLerarenFunctions();
        return (ServiceProvider)builder.Build().Services;
    }

    private static int HttpFunctionCount() =>
        WorkerHost.FunctionTypes.Count(t => t.GetMethods().Any(m => m.GetParameters().Any(p => p.GetCustomAttribute<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>() is not null)));

    private static List<string> WorkerBindings()
    {
        var configuration = typeof(BindingDriftTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryRoot.Find(), "src", "LerarenFunctions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"The worker's functions.metadata is missing at {path}; build the worker first.");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var bindings = new List<string>();
        foreach (var function in json.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString();
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString();
                string? Get(string property) => binding.TryGetProperty(property, out var value) ? value.GetString() : null;
                switch (type)
                {
                    case "blobTrigger":
                        bindings.Add($"{name} blobTrigger path={Get("path")} connection={Get("connection")}");
                        break;
                    case "queueTrigger":
                        bindings.Add($"{name} queueTrigger queue={Get("queueName")} connection={Get("connection")}");
                        break;
                    case "timerTrigger":
                        bindings.Add($"{name} timerTrigger schedule={Get("schedule")}");
                        break;
                    case "httpTrigger":
                        var methods = string.Join(',', binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order());
                        bindings.Add($"{name} httpTrigger route={RoutePrefix()}{Get("route")} methods={methods}");
                        break;
                    case "http":
                        break;
                    default:
                        bindings.Add($"{name} {type} (unexpected binding: add it to this test)");
                        break;
                }
            }
        }

        return [.. bindings.Order(StringComparer.Ordinal)];
    }

    /// <summary>What the Functions host puts before every HTTP trigger's route: <c>extensions.http.routePrefix</c> of host.json, <c>api</c> when unset.</summary>
    private static string RoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")));
        var prefix = hostJson.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var value)
                ? value.GetString()!
                : "api";
        return prefix.Length == 0 ? string.Empty : prefix + "/";
    }

    private static IEnumerable<string> LocalHostTriggerBindings()
    {
        foreach (var type in LocalHostExtensions.TriggerFunctionTypes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                var name = method.GetCustomAttribute<FunctionNameAttribute>()?.Name;
                if (name is null)
                {
                    continue;
                }

                foreach (var parameter in method.GetParameters())
                {
                    if (parameter.GetCustomAttribute<BlobTriggerAttribute>() is { } blob)
                    {
                        yield return $"{name} blobTrigger path={blob.BlobPath} connection={blob.Connection}";
                    }
                    else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
                    {
                        yield return $"{name} queueTrigger queue={queue.QueueName} connection={queue.Connection}";
                    }
                    else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                    {
                        yield return $"{name} timerTrigger schedule={timer.ScheduleExpression}";
                    }
                }
            }
        }
    }

    private static IEnumerable<string> LocalHostHttpBindings()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapLerarenFunctionsHttp();
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            var methods = string.Join(',', (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Order());
            yield return $"{name} httpTrigger route={endpoint.RoutePattern.RawText!.TrimStart('/')} methods={methods}";
        }
    }
}
