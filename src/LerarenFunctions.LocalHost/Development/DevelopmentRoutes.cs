using Azure;
using Azure.Storage.Blobs.Models;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Storage;
using Microsoft.AspNetCore.Mvc;

namespace LerarenFunctions.LocalHost.Development;

/// <summary>
/// Local conveniences only (Development environment): drop a file into the uploads container and read its
/// terugmelding with nothing but curl, where no storage explorer is at hand. They write to storage exactly as a
/// board's upload would; the blob trigger does the rest. The storage transactions our clients sent so far can be
/// read too, for the cost measurement.
/// </summary>
public static partial class DevelopmentRoutes
{
    public static WebApplication MapDevelopmentRoutes(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        var dev = app.MapGroup("/dev").ExcludeFromDescription();
        // Catch-all names: a trial is {bestuursnummer}/proef/{bestandsnaam}, and a delivery's own report lies deeper.
        dev.MapPut("/aanleveringen/{**pad}", DropAsync);
        dev.MapGet("/terugmeldingen/{**pad}", ReadTerugmeldingAsync);
        dev.MapGet("/opslagtransacties", ([FromServices] StorageRequestCounter counter) => Results.Ok(OpslagTransacties.From(counter.Snapshot())));

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevelopmentRoutes));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var url = app.Urls.FirstOrDefault() ?? "http://127.0.0.1:7071";
            LogReady(logger, url);
        });
        return app;
    }

    private static async Task<IResult> DropAsync(
        string pad,
        HttpRequest request,
        [FromServices] StorageClients storage,
        CancellationToken cancellationToken)
    {
        var path = DeliveryPath.Parse(pad);
        var blob = storage.Blobs.GetBlobContainerClient(StorageNames.UploadsContainer).GetBlobClient(path.Value);
        BlobContentInfo uploaded = await blob.UploadAsync(request.Body, overwrite: true, cancellationToken);
        var id = path.Problem == PathProblem.None ? path.DeliveryId(uploaded.ETag.ToString()) : null;
        return Results.Accepted(id is null ? null : $"/api/aanleveringen/{id}", new
        {
            aanleveringId = id,
            status = id is null ? null : $"/api/aanleveringen/{id}",
            terugmelding = id is null ? $"/dev/terugmeldingen/{path.TerugmeldingPath}" : DeliveryStatusView.TerugmeldingLink(id),
        });
    }

    private static async Task<IResult> ReadTerugmeldingAsync(
        string pad,
        [FromServices] StorageClients storage,
        CancellationToken cancellationToken)
    {
        var blob = storage.Blobs.GetBlobContainerClient(StorageNames.ReportsContainer).GetBlobClient(pad);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return Results.Bytes(content.Value.Content.ToArray(), content.Value.Details.ContentType ?? "application/json");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Results.NotFound();
        }
    }

    /// <summary>
    /// Requests our storage clients sent since the host started, retries included; the triggers' own polling is not
    /// in it. <c>perBewerking</c> splits them as in <see cref="StorageRequestTotals.ByOperation"/>.
    /// </summary>
    internal sealed record OpslagTransacties(long Blob, long Queue, long Table, long Totaal, IReadOnlyDictionary<string, long> PerBewerking)
    {
        public static OpslagTransacties From(StorageRequestTotals totals) =>
            new(totals.Blob, totals.Queue, totals.Table, totals.Total, new SortedDictionary<string, long>(totals.ByOperation.ToDictionary(), StringComparer.Ordinal));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = """
        LerarenFunctions LocalHost is ready at {Url}.
          Drop a file:   curl -T leraren.csv {Url}/dev/aanleveringen/10053/leraren.csv   (or put it in container 'aanleveringen' as 10053/leraren.csv)
          Status:        the 'status' link in the answer, or GET {Url}/api/aanleveringen/{{id}}
          Terugmelding:  GET {Url}/api/aanleveringen/{{id}}/terugmelding (Accept: text/csv for CSV), or by name:
                         GET {Url}/dev/terugmeldingen/10053/leraren.csv.terugmelding.json
          Register:      GET {Url}/register/v1/registraties
        """)]
    private static partial void LogReady(ILogger logger, string url);
}
