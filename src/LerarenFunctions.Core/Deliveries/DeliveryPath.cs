using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The path of a delivered file below the uploads container: <c>{bestuursnummer}/{bestandsnaam}</c>.
/// </summary>
public sealed record DeliveryPath(string Folder, string FileName)
{
    public static DeliveryPath Parse(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new DeliveryPath(string.Empty, path) : new DeliveryPath(path[..slash], path[(slash + 1)..]);
    }

    /// <summary>The folder below a board's folder that holds trial (<i>proef</i>) deliveries.</summary>
    public const string TrialFolder = "proef";

    public string Value => Folder.Length == 0 ? FileName : $"{Folder}/{FileName}";

    /// <summary>
    /// A trial delivery (<c>{bestuursnummer}/proef/{bestandsnaam}</c>) of a koploperschool: validated and
    /// reported, never forwarded.
    /// </summary>
    public bool IsTrial => FileName.StartsWith(TrialFolder + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the terugmelding of this file goes, below the reports container.</summary>
    public string TerugmeldingPath => $"{(Folder.Length == 0 ? "onbekend" : Folder)}/{FileName}.terugmelding.json";

    /// <summary>
    /// The delivery id: the board and a hash of path and version. A trigger that fires again for the same blob
    /// finds the same delivery; a replaced blob (new version) is a new delivery.
    /// </summary>
    public string DeliveryId(Bestuursnummer bestuursnummer, string version)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Value}\n{version}"));
        return $"{bestuursnummer.Value}-{Convert.ToHexStringLower(hash.AsSpan(0, 12))}";
    }
}
