namespace LerarenFunctions.Core.Files;

/// <summary>The column names of a teacher file (the Dutch contract), compared case-insensitively after trimming.</summary>
public static class TeacherFileColumns
{
    public const string RegelId = "regel_id";
    public const string Bestuursnummer = "bestuursnummer";
    public const string Bsn = "bsn";
    public const string Geslacht = "geslacht";
    public const string Geboortedatum = "geboortedatum";
    public const string Woonland = "woonland";
    public const string AdresBuitenland = "adres_buitenland";
    public const string Benoemingsgrondslag = "benoemingsgrondslag";
    public const string Onderwijsterrein = "onderwijsterrein";
    public const string BegindatumBenoeming = "begindatum_benoeming";
    public const string EinddatumBenoeming = "einddatum_benoeming";
    public const string Brinnummer = "brinnummer";
    public const string BrinVolgnummer = "brin_volgnummer";
    public const string ExtraBrinnummers = "extra_brinnummers";
    public const string BegindatumDienstverband = "begindatum_dienstverband";
    public const string EinddatumDienstverband = "einddatum_dienstverband";

    /// <summary>Every column of the contract, in the order of the contract.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RegelId, Bestuursnummer, Bsn, Geslacht, Geboortedatum, Woonland, AdresBuitenland, Benoemingsgrondslag,
        Onderwijsterrein, BegindatumBenoeming, EinddatumBenoeming, Brinnummer, BrinVolgnummer, ExtraBrinnummers,
        BegindatumDienstverband, EinddatumDienstverband,
    ];

    /// <summary>Columns the header must have (KOLOM_ONTBREEKT otherwise); every row must fill them.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        Bestuursnummer, Bsn, Geslacht, Geboortedatum, Benoemingsgrondslag, BegindatumBenoeming, Brinnummer,
        BegindatumDienstverband,
    ];
}
