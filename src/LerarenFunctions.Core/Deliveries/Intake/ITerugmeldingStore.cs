using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The delivery a stored terugmelding belongs to, kept with it: a copy by file name shows the newest upload.</summary>
public sealed record TerugmeldingOwner(string DeliveryId, DateTimeOffset UploadedAt);

/// <summary>The versions of a stored terugmelding: JSON for systems and CSV for people, written as a pair.</summary>
/// <param name="Version">The JSON's version.</param>
/// <param name="CsvVersion">The CSV's version; null when there is none (or none belongs there).</param>
/// <param name="CsvCurrent">Whether the CSV was made from this very JSON (a writer that stopped between the two leaves it behind); true where no CSV belongs.</param>
/// <param name="Owner">The delivery it belongs to; null for a report of a file that is no delivery.</param>
public sealed record TerugmeldingInfo(string Version, string? CsvVersion, bool CsvCurrent, TerugmeldingOwner? Owner);

/// <summary>
/// Where a terugmelding is stored: its JSON's path, and whether a CSV goes next to it. A delivery's own report is JSON
/// only (the API renders CSV from it); a report by file name has a CSV for boards that open the container.
/// </summary>
public sealed record TerugmeldingLocation(string Path, bool WithCsv)
{
    /// <summary>A report with a CSV next to it.</summary>
    public static implicit operator TerugmeldingLocation(string path) => FromPath(path);

    /// <inheritdoc cref="op_Implicit(string)"/>
    public static TerugmeldingLocation FromPath(string path) => new(path, WithCsv: true);
}

/// <summary>A stored terugmelding and its versions.</summary>
public sealed record StoredTerugmelding(Terugmelding Report, TerugmeldingInfo Info);

/// <summary>The terugmeldingen (the reports container): each as JSON at its location, with a CSV next to it where one belongs.</summary>
public interface ITerugmeldingStore
{
    /// <summary>The terugmelding at <paramref name="location"/>; null when there is none.</summary>
    Task<StoredTerugmelding?> ReadAsync(TerugmeldingLocation location, CancellationToken cancellationToken);

    /// <summary>The versions and owner of the terugmelding at <paramref name="location"/>, without reading it.</summary>
    Task<TerugmeldingInfo?> GetInfoAsync(TerugmeldingLocation location, CancellationToken cancellationToken);

    /// <summary>Writes it (JSON, and CSV where one belongs), replacing what is there: for the one run that holds a delivery's intake.</summary>
    Task WriteAsync(TerugmeldingLocation location, Terugmelding terugmelding, TerugmeldingOwner? owner, CancellationToken cancellationToken);

    /// <summary>
    /// Writes it if it is still as in <paramref name="expected"/> (null: if there is none yet). False when it changed in
    /// between; the caller reads again and decides again.
    /// </summary>
    Task<bool> TryWriteAsync(TerugmeldingLocation location, Terugmelding terugmelding, TerugmeldingOwner? owner, TerugmeldingInfo? expected, CancellationToken cancellationToken);
}
