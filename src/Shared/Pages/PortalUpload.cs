using System.Text;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IHttpMaxRequestBodySizeFeature = Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature;
using IResult = Microsoft.AspNetCore.Http.IResult;

namespace LerarenFunctions.Http.Pages;

/// <summary>
/// An upload from the board's page (<c>POST /portaal/leveringen</c>, <c>multipart/form-data</c>): the file goes through
/// <see cref="AcceptDelivery"/> exactly as a <c>POST</c> to the API does, so the same limits, the same file name in the
/// board's folder and the same terugmelding. The form is read as it streams in, never buffered whole: the antiforgery
/// token and the trial choice come before the file in the form, and a file before a valid token is refused unread.
/// A browser form rather than an upload link: it works without script and needs no CORS rule on the storage account.
/// After the upload the browser is sent back to the page (303), which shows the new delivery.
/// </summary>
internal static class PortalUpload
{
    /// <summary>The form's file field.</summary>
    public const string FileField = "bestand";

    /// <summary>The form's trial checkbox.</summary>
    public const string TrialField = "proef";

    /// <summary>The query parameter of the page that says why an upload was not taken (a fixed code, never user text).</summary>
    public const string ErrorParameter = "fout";

    private const int MaxFieldLength = 256;

    /// <summary>What the page says for an <see cref="ErrorParameter"/> code; null for none (or one it does not know).</summary>
    public static string? Message(string? code) => code switch
    {
        "geen-bestand" => "Kies eerst een bestand om te versturen.",
        "te-groot" => "Het bestand is te groot en is niet opgeslagen. Splits het bestand of neem contact op met de Helpdesk Lerarenregister.",
        "te-vaak" => "U heeft in korte tijd veel bestanden verstuurd. Wacht een minuut en probeer het dan opnieuw.",
        "niet-gelukt" => "Het bestand is niet opgeslagen. Probeer het over enkele minuten opnieuw.",
        "onbekend-bestuur" => "Uw bestuur staat (nog) niet in het register van besturen; het bestand is niet opgeslagen.",
        _ => null,
    };

    public static async Task<IResult> PostAsync(HttpRequest request, PageCaller caller, AcceptDelivery acceptDelivery, ApiRateLimit rateLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(acceptDelivery);
        ArgumentNullException.ThrowIfNull(rateLimit);
        var shell = PortalPages.Shell(caller);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return PageSession.BadForm(request, shell);
        }

        // The limit is AcceptDelivery's own, checked as the file is read; the server's default would cut a large file off.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        var reader = new MultipartReader(boundary, request.Body);
        string? token = null;
        var trial = false;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            // Not IsFormDisposition(): that means a field without a file name, and the file is a section too.
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (!disposition.IsFileDisposition())
            {
                var value = await ReadFieldAsync(section.Body, cancellationToken);
                if (name == PageSessions.CsrfField)
                {
                    token = value;
                }
                else if (name == TrialField)
                {
                    trial = value is "ja" or "true" or "on";
                }

                continue;
            }

            if (name != FileField)
            {
                continue;
            }

            if (!caller.AcceptsToken(token))
            {
                return PageSession.BadForm(request, shell);
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            if (string.IsNullOrEmpty(fileName))
            {
                return BackWith("geen-bestand");
            }

            return await AcceptAsync(caller, trial, FormatOf(fileName, section.ContentType), section.Body, acceptDelivery, rateLimit, cancellationToken);
        }

        return caller.AcceptsToken(token) ? BackWith("geen-bestand") : PageSession.BadForm(request, shell);
    }

    private static async Task<IResult> AcceptAsync(
        PageCaller caller, bool trial, UploadFormat format, Stream file, AcceptDelivery acceptDelivery, ApiRateLimit rateLimit, CancellationToken cancellationToken)
    {
        // The same brake as the API's POST routes, counted for the same key.
        if (!rateLimit.TryAcquire(caller.ApiCaller, out _))
        {
            return BackWith("te-vaak");
        }

        var result = await acceptDelivery.HandleAsync(new DeliveryUpload(caller.Board!.Value, trial, format, IdempotencyKey: null), file, cancellationToken);
        return result.Outcome switch
        {
            AcceptOutcome.Accepted or AcceptOutcome.Repeated => PageSession.SeeOtherTo(
                $"{PageRoutes.Path(PageRoutes.Portal)}?{PortalDeliveriesFragment.ReceivedParameter}={Uri.EscapeDataString(result.DeliveryId!)}#kop-leveringen"),
            AcceptOutcome.TooLarge or AcceptOutcome.TooManyRecords => BackWith("te-groot"),
            AcceptOutcome.UnknownBoard => BackWith("onbekend-bestuur"),
            _ => BackWith("niet-gelukt"),
        };
    }

    /// <summary>The declared format, for the stored file's extension: XLSX by name or media type, CSV otherwise (the content decides when it is read).</summary>
    private static UploadFormat FormatOf(string fileName, string? contentType) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
        || string.Equals(contentType, DeliveryHttp.XlsxMediaType, StringComparison.OrdinalIgnoreCase)
            ? UploadFormat.Xlsx
            : UploadFormat.Csv;

    /// <summary>A short form field; anything longer than a token or a checkbox is cut off (and then matches nothing).</summary>
    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, Math.Min(length, MaxFieldLength));
    }

    private static IResult BackWith(string code) =>
        PageSession.SeeOtherTo($"{PageRoutes.Path(PageRoutes.Portal)}?{ErrorParameter}={code}#kop-aanleveren");
}
