using System.Collections.Concurrent;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// A proxy in front of Azurite's table endpoint that answers every conditional write of the rows a test names with 412,
/// as if another writer changed the row each time: how a process the test cannot reach into (the LocalHost, the CLI)
/// is shown a write conflict that does not go away. Every other request goes to Azurite unchanged; a shared key does
/// not sign the host, so the signature holds.
/// </summary>
public sealed class TableConflicts : IAsyncDisposable
{
    private const string TableEndpointKey = "TableEndpoint=";

    private const string ConditionFailed =
        """{"odata.error":{"code":"UpdateConditionNotSatisfied","message":{"lang":"en-US","value":"The update condition specified in the request was not satisfied."}}}""";

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase) { "Host", "Expect", "Transfer-Encoding", "Connection", "Content-Length" };

    private readonly WebApplication _app;
    private readonly HttpClient _azurite = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false });
    private readonly ConcurrentDictionary<string, byte> _rows = new(StringComparer.Ordinal);
    private readonly Func<string> _connectionString;
    private int _refused;

    private TableConflicts(Func<string> connectionString)
    {
        _connectionString = connectionString;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Conditional writes answered with 412 so far.</summary>
    public int Refused => _refused;

    /// <summary>The connection string of the Azurite behind, with its table endpoint pointed at this proxy.</summary>
    public string ConnectionString
    {
        get
        {
            var azurite = _connectionString();
            var table = TableEndpoint(azurite).ToString().TrimEnd('/');
            return azurite.Replace($"{TableEndpointKey}{table}", $"{TableEndpointKey}{new UriBuilder(table) { Port = Address.Port }.Uri.ToString().TrimEnd('/')}", StringComparison.Ordinal);
        }
    }

    private Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>
    /// Starts at once, in front of the Azurite whose connection string <paramref name="connectionString"/> gives when a
    /// request comes (it may start later than the proxy).
    /// </summary>
    public static TableConflicts Start(Func<string> connectionString)
    {
        var proxy = new TableConflicts(connectionString);
        proxy._app.Start();
        return proxy;
    }

    /// <summary>From now on, every conditional write of this row fails with 412 (<see cref="Resolve"/> ends it).</summary>
    public void Conflict(string table, string partitionKey, string rowKey) => _rows[Row(table, partitionKey, rowKey)] = 0;

    public void Resolve(string table, string partitionKey, string rowKey) => _rows.TryRemove(Row(table, partitionKey, rowKey), out _);

    /// <summary>The delivery row of <paramref name="deliveryId"/>: every writer of a delivery writes this one.</summary>
    public void ConflictDelivery(string deliveryId) => Conflict(StorageNames.DeliveriesTable, deliveryId, "aanlevering");

    public void ResolveDelivery(string deliveryId) => Resolve(StorageNames.DeliveriesTable, deliveryId, "aanlevering");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _azurite.Dispose();
    }

    private static string Row(string table, string partitionKey, string rowKey) => $"/{table}(PartitionKey='{partitionKey}',RowKey='{rowKey}')";

    private static Uri TableEndpoint(string connectionString) =>
        new(connectionString.Split(';').Single(part => part.StartsWith(TableEndpointKey, StringComparison.Ordinal))[TableEndpointKey.Length..]);

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var path = Uri.UnescapeDataString(target.Split('?')[0]);
        if (context.Request.Headers.IfMatch.Count > 0 && !HttpMethods.IsGet(context.Request.Method) && _rows.Keys.Any(row => path.EndsWith(row, StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status412PreconditionFailed;
            context.Response.Headers["x-ms-error-code"] = "UpdateConditionNotSatisfied";
            context.Response.ContentType = "application/json;odata=minimalmetadata;streaming=true;charset=utf-8";
            await context.Response.WriteAsync(ConditionFailed, context.RequestAborted);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(TableEndpoint(_connectionString()), target));
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _azurite.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
