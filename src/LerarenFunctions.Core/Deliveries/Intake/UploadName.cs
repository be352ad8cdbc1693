using System.Globalization;
using System.Security.Cryptography;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The name a new file gets that the service itself names (an upload over HTTP, an upload link):
/// <c>{bestuursnummer}/[proef/]api-{jjjj-MM-dd-HHmmss}-{random}.csv|.xlsx|.json.csv</c> (UTC; no run of eight digits, which every
/// report would mask as a possible BSN). The ten random letters make it unguessable and new each time.
/// </summary>
public static class UploadName
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>A new path below the uploads container for a file of <paramref name="board"/>, named at <paramref name="now"/>.</summary>
    public static string New(Bestuursnummer board, bool isTrial, UploadFormat format, DateTimeOffset now)
    {
        var extension = format switch
        {
            UploadFormat.Csv => ".csv",
            UploadFormat.Xlsx => ".xlsx",
            UploadFormat.Json => DeliveryPath.JsonCsvSuffix,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "No file name for this format."),
        };
        var random = RandomNumberGenerator.GetString(Letters, 10);
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture);
        var trial = isTrial ? DeliveryPath.TrialFolder + "/" : "";
        return $"{board.Value}/{trial}api-{stamp}-{random}{extension}";
    }
}
