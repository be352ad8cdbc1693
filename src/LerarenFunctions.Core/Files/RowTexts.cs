namespace LerarenFunctions.Core.Files;

/// <summary>The Dutch texts of row meldingen. Fixed texts are shared by every melding that uses them.</summary>
internal static class RowTexts
{
    public const string BestuursnummerOngeldig = "Het bestuursnummer bestaat uit 5 cijfers, bijvoorbeeld 10053. Vul het nummer van uw bestuur in.";
    public const string BsnOngeldig = "Het BSN is ongeldig: het moet uit 9 cijfers bestaan en de elfproef doorstaan. Controleer het BSN.";
    public const string GeslachtOngeldig = "Vul bij geslacht M (man), V (vrouw), X (anders) of O (onbekend) in.";
    public const string WoonlandOngeldig = "Vul bij woonland een landcode van twee letters in (ISO 3166-1), bijvoorbeeld NL, BE of DE. Laat het veld leeg voor Nederland.";
    public const string AdresBuitenlandVerplicht = "De leraar woont volgens het woonland buiten Nederland. Vul het adres in het buitenland in.";
    public const string OnderwijsterreinVerplicht = "Bij benoemingsgrondslag 708 (leraar in opleiding) is het onderwijsterrein verplicht. Vul het onderwijsterrein in.";
    public const string EinddatumBenoeming = "De einddatum van de benoeming ligt voor de begindatum. Controleer beide datums.";
    public const string EinddatumDienstverband = "De einddatum van het dienstverband ligt voor de begindatum. Controleer beide datums.";
    public const string BrinOngeldig = "Het BRIN-nummer bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 12AB.";
    public const string ExtraBrinOngeldig = "Elk extra BRIN-nummer bestaat uit 2 cijfers en 2 letters; scheid ze met |, bijvoorbeeld 12AB|34CD.";
    public const string VolgnummerOngeldig = "Het BRIN-volgnummer bestaat uit 2 cijfers, bijvoorbeeld 00 of 01. Laat het veld leeg als er geen volgnummer is.";

    /// <summary>VERPLICHT_VELD_LEEG per column.</summary>
    public static IReadOnlyList<string> Verplicht { get; } = [.. TeacherFileColumns.All.Select(c => $"Het veld '{c}' is verplicht. Vul het in.")];

    /// <summary>DATUM_ONGELDIG per column; only date columns use it.</summary>
    public static IReadOnlyList<string> DatumOngeldig { get; } = [.. TeacherFileColumns.All.Select(c =>
        $"Vul de {DateLabel(c)} in als JJJJ-MM-DD, DD-MM-JJJJ of DD/MM/JJJJ, bijvoorbeeld 2019-08-01.")];

    private static string DateLabel(string column) => column switch
    {
        TeacherFileColumns.Geboortedatum => "geboortedatum",
        TeacherFileColumns.BegindatumBenoeming => "begindatum van de benoeming",
        TeacherFileColumns.EinddatumBenoeming => "einddatum van de benoeming",
        TeacherFileColumns.BegindatumDienstverband => "begindatum van het dienstverband",
        TeacherFileColumns.EinddatumDienstverband => "einddatum van het dienstverband",
        _ => column,
    };
}
