using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>The delivery a stored terugmelding belongs to, kept with it: a copy by file name shows the newest upload.</summary>
public sealed record TerugmeldingOwner(string DeliveryId, DateTimeOffset UploadedAt);

/// <summary>The versions of a stored terugmelding: JSON for systems and CSV for people, written as a pair.</summary>
/// <param name="Version">The JSON's version.</param>
/// <param name="CsvVersion">The CSV's version; null when there is none.</param>
/// <param name="CsvCurrent">Whether the CSV was made from this very JSON (a writer that stopped between the two leaves it behind).</param>
/// <param name="Owner">The delivery it belongs to; null for a report of a file that is no delivery.</param>
public sealed record TerugmeldingInfo(string Version, string? CsvVersion, bool CsvCurrent, TerugmeldingOwner? Owner);

/// <summary>A stored terugmelding and its versions.</summary>
public sealed record StoredTerugmelding(Terugmelding Report, TerugmeldingInfo Info);

/// <summary>The terugmeldingen (the reports container): each as JSON at its path and as CSV next to it.</summary>
public interface ITerugmeldingStore
{
    /// <summary>The terugmelding at <paramref name="path"/> (the JSON's path); null when there is none.</summary>
    Task<StoredTerugmelding?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The versions and owner of the terugmelding at <paramref name="path"/>, without reading it.</summary>
    Task<TerugmeldingInfo?> GetInfoAsync(string path, CancellationToken cancellationToken);

    /// <summary>Writes JSON and CSV, replacing what is there: for the one run that holds a delivery's intake.</summary>
    Task WriteAsync(string path, Terugmelding terugmelding, TerugmeldingOwner? owner, CancellationToken cancellationToken);

    /// <summary>
    /// Writes JSON and CSV if they are still as in <paramref name="expected"/> (null: if there is none yet). False when
    /// either changed in between; the caller reads again and decides again.
    /// </summary>
    Task<bool> TryWriteAsync(string path, Terugmelding terugmelding, TerugmeldingOwner? owner, TerugmeldingInfo? expected, CancellationToken cancellationToken);
}
