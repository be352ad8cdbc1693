using System.Text.Json.Serialization;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>An upload link for a board's file: a trial (<c>?proef=true</c>) or not, CSV or XLSX (for its extension).</summary>
/// <param name="Bestuursnummer">The board of the route.</param>
/// <param name="IsTrial">A trial: validated and reported, never forwarded.</param>
/// <param name="Format">The format the board will write, for the file's extension.</param>
public sealed record UploadLinkRequest(Bestuursnummer Bestuursnummer, bool IsTrial, UploadFormat Format);

/// <summary>An upload link (the Dutch contract).</summary>
/// <param name="Url">Where to <c>PUT</c> the file (a block blob) until <paramref name="VerlooptOp"/>; a secret, like a key.</param>
/// <param name="VerlooptOp">When the link stops working (UTC, whole seconds).</param>
/// <param name="Pad">The file's path below the uploads container: <c>{bestuursnummer}/[proef/]api-...</c>.</param>
public sealed record UploadLinkView(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("verlooptOp")] DateTimeOffset VerlooptOp,
    [property: JsonPropertyName("pad")] string Pad);

/// <summary>
/// A link with which a board writes one new file into its own folder of the uploads, straight to storage: for files
/// too large for one request, or for tools that speak the storage API. The file gets a new, unguessable name (as an
/// upload over HTTP does), and the link can create and write that file only, for <see cref="UploadLinkOptions.Geldigheid"/>.
/// Once written, the blob trigger takes it in as any dropped file.
/// </summary>
public sealed partial class CreateUploadLink(
    IBoardStore boards,
    IUploadLinks links,
    IOptions<UploadLinkOptions> options,
    TimeProvider time,
    ILogger<CreateUploadLink> logger)
{
    /// <summary>The link, or null when the registry does not know the board.</summary>
    public async Task<UploadLinkView?> HandleAsync(UploadLinkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await boards.GetAsync(request.Bestuursnummer, cancellationToken) is null)
        {
            LogUnknownBoard(logger, request.Bestuursnummer.Value);
            return null;
        }

        var now = time.GetUtcNow();
        // A link's expiry is kept to the second; the answer says exactly when it stops.
        var expiresOn = new DateTimeOffset((now + options.Value.Geldigheid).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var path = UploadName.New(request.Bestuursnummer, request.IsTrial, request.Format, now);
        var url = await links.CreateAsync(path, expiresOn, cancellationToken);
        LogCreated(logger, request.Bestuursnummer.Value, request.IsTrial, expiresOn);
        return new UploadLinkView(url.AbsoluteUri, expiresOn, path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload link created for board {Bestuursnummer} (trial: {IsTrial}), valid until {ExpiresOn:O}")]
    private static partial void LogCreated(ILogger logger, string bestuursnummer, bool isTrial, DateTimeOffset expiresOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload link asked for unknown board {Bestuursnummer}; refused")]
    private static partial void LogUnknownBoard(ILogger logger, string bestuursnummer);
}
