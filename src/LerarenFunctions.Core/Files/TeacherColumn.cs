namespace LerarenFunctions.Core.Files;

/// <summary>The contract columns as indexes, in the order of <see cref="TeacherFileColumns.All"/>.</summary>
internal enum TeacherColumn
{
    RegelId,
    Bestuursnummer,
    Bsn,
    Geslacht,
    Geboortedatum,
    Woonland,
    AdresBuitenland,
    Benoemingsgrondslag,
    Onderwijsterrein,
    BegindatumBenoeming,
    EinddatumBenoeming,
    Brinnummer,
    BrinVolgnummer,
    ExtraBrinnummers,
    BegindatumDienstverband,
    EinddatumDienstverband,
}

/// <summary>
/// One record of a file, whatever its format: the CSV reader hands Sep's spans through without copying, the XLSX
/// reader its cell texts. Values come back trimmed.
/// </summary>
internal interface IFieldRow
{
    int Count { get; }

    ReadOnlySpan<char> this[int index] { get; }
}
