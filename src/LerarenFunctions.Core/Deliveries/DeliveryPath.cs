using System.Security.Cryptography;
using System.Text;
using LerarenFunctions.Core.Domain;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The path of a delivered file below the uploads container: <c>{bestuursnummer}/{bestandsnaam}</c>, or
/// <c>{bestuursnummer}/proef/{bestandsnaam}</c> for a trial. The folder must be exactly the five digits of a
/// bestuursnummer: <c>"10053 "</c> is not a board folder anywhere (not trimmed in one place and kept in another). In the
/// same way the trial folder is exactly <c>proef</c>: a folder that only looks like it (<c>"proef "</c>, <c>Proef</c>)
/// is no delivery, because the board meant a trial and the file must never be forwarded as a real one.
/// </summary>
public sealed record DeliveryPath
{
    /// <summary>The folder below a board's folder that holds trial (<i>proef</i>) deliveries.</summary>
    public const string TrialFolder = "proef";

    /// <summary>
    /// How the name of a delivery sent as JSON ends: its records are stored as CSV, numbered in the terugmelding by their
    /// index in <c>leraren</c> (<see cref="Files.RowNumbering.Records"/>).
    /// </summary>
    public const string JsonCsvSuffix = ".json.csv";

    /// <summary>Where reports go for a file that is not in any folder.</summary>
    private const string UnknownFolder = "onbekend";

    private DeliveryPath(string value, string folder, string fileName, Bestuursnummer? bestuursnummer, PathProblem problem)
    {
        Value = value;
        Folder = folder;
        FileName = fileName;
        Bestuursnummer = bestuursnummer;
        Problem = problem;
    }

    /// <summary>The path exactly as stored.</summary>
    public string Value { get; }

    /// <summary>The first segment (the board's folder when the path is valid).</summary>
    public string Folder { get; }

    /// <summary>The rest: the file name below the board's folder, with <c>proef/</c> for a trial.</summary>
    public string FileName { get; }

    /// <summary>The board whose folder this is; null when <see cref="Problem"/> is not <see cref="PathProblem.None"/>.</summary>
    public Bestuursnummer? Bestuursnummer { get; }

    public PathProblem Problem { get; }

    /// <summary>A trial delivery of a koploperschool: validated and reported, never forwarded.</summary>
    public bool IsTrial => InTrialFolder(FileName);

    /// <summary>
    /// Below the reports container: the report of the newest delivery of this name (for a valid path), or the report
    /// that says why a file that is no delivery is not processed.
    /// </summary>
    public string TerugmeldingPath => Problem == PathProblem.InvalidName
        ? $"{(Domain.Bestuursnummer.TryParseExact(Folder, out var board) ? board.Value : UnknownFolder)}/ongeldige-bestandsnaam/{Value.Replace('/', '_')}.terugmelding.json"
        : $"{(Folder.Length == 0 ? UnknownFolder : Folder)}/{FileName}.terugmelding.json";

    /// <summary>How <c>regel</c> is counted in the report of the file <paramref name="fileName"/>: by record for a JSON delivery.</summary>
    public static Files.RowNumbering NumberingOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.EndsWith(JsonCsvSuffix, StringComparison.OrdinalIgnoreCase) ? Files.RowNumbering.Records : Files.RowNumbering.Spreadsheet;
    }

    public static DeliveryPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var (folder, fileName) = slash < 0 ? (string.Empty, path) : (path[..slash], path[(slash + 1)..]);

        // Storage clients resolve "." and ".." like a URL: such a name would be read, and reported on, as another file.
        if (path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return new DeliveryPath(path, folder, fileName, null, PathProblem.InvalidName);
        }

        if (!Domain.Bestuursnummer.TryParseExact(folder, out var bestuursnummer))
        {
            return new DeliveryPath(path, folder, fileName, null, PathProblem.NotABoardFolder);
        }

        return NamesTrialLoosely(fileName)
            ? new DeliveryPath(path, folder, fileName, null, PathProblem.InvalidName)
            : new DeliveryPath(path, folder, fileName, bestuursnummer, PathProblem.None);
    }

    /// <summary>
    /// Whether a folder below the board's folder reads as <c>proef</c> once spaces and case are set aside, while the
    /// file is no trial: such a file would otherwise be forwarded to the register for real. Other folders below the
    /// board's folder stay part of the file name.
    /// </summary>
    private static bool NamesTrialLoosely(string fileName) =>
        !InTrialFolder(fileName)
        && fileName.Split('/')[..^1].Any(folder => folder.Trim().Equals(TrialFolder, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a file name below the board's folder is in the trial folder, spelled exactly (anything like it is rejected).</summary>
    internal static bool InTrialFolder(string fileName) => fileName.StartsWith(TrialFolder + "/", StringComparison.Ordinal);

    /// <summary>
    /// The delivery id: the board and a hash of path and version. A trigger that fires again for the same blob
    /// finds the same delivery; a replaced blob (new version) is a new delivery.
    /// </summary>
    public string DeliveryId(string version)
    {
        var board = Bestuursnummer ?? throw new InvalidOperationException("Only a file in a board's folder is a delivery.");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Value}\n{version}"));
        return $"{board.Value}-{Convert.ToHexStringLower(hash.AsSpan(0, 12))}";
    }
}

/// <summary>Why a path is no delivery.</summary>
public enum PathProblem
{
    /// <summary>A file in a board's folder.</summary>
    None,

    /// <summary>The first folder is not exactly a bestuursnummer of five digits (or there is no folder).</summary>
    NotABoardFolder,

    /// <summary>
    /// The name has an empty segment, or a segment "." or "..", or a folder that reads as the trial folder but is not
    /// exactly it (<c>"proef "</c>, <c>Proef</c>).
    /// </summary>
    InvalidName,
}
