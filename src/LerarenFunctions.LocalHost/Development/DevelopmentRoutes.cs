using Azure;
using Azure.Storage.Blobs.Models;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure.Access;
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
            LogReady(logger, url, OperatorOptions.DevelopmentKey);
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
        var board = path.Problem == PathProblem.None ? path.Bestuursnummer : null;
        var id = board is null ? null : path.DeliveryId(uploaded.ETag.ToString());
        var status = board is { } b && id is not null ? DeliveryStatusView.StatusLink(b, id) : null;
        // A path that is no delivery gets the link to its rejection, which is stored under the name the caller just sent:
        // masking it here would only break the link; every log line and report masks it.
        return Results.Accepted(status, new
        {
            aanleveringId = id,
            status,
            terugmelding = board is { } owner && id is not null ? DeliveryStatusView.TerugmeldingLink(owner, id) : $"/dev/terugmeldingen/{path.TerugmeldingPath}",
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
          Deliver:       curl -H 'Authorization: Bearer {Key}' -H 'Content-Type: text/csv' --data-binary @leraren.csv {Url}/api/besturen/10053/leveringen
                         (the operator key: Beheer:Sleutel, shown here as its Development default)
          Drop a file:   curl -T leraren.csv {Url}/dev/aanleveringen/10053/leraren.csv   (or put it in container 'aanleveringen' as 10053/leraren.csv)
          Status:        the 'status' link in the answer, or GET {Url}/api/besturen/10053/leveringen/{{id}} (with the key above)
          Terugmelding:  GET {Url}/api/besturen/10053/leveringen/{{id}}/terugmelding (Accept: text/csv for CSV), or by name:
                         GET {Url}/dev/terugmeldingen/10053/leraren.csv.terugmelding.json
          Register:      GET {Url}/register/v1/registraties
        """)]
    private static partial void LogReady(ILogger logger, string url, string key);
}
