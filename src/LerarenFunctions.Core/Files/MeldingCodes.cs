namespace LerarenFunctions.Core.Files;

/// <summary>The codes a terugmelding uses. File codes have no row; the file is then rejected as a whole.</summary>
public static class MeldingCodes
{
    // File rules
    public const string BestandLeeg = "BESTAND_LEEG";
    public const string BestandOnleesbaar = "BESTAND_ONLEESBAAR";
    public const string BestandTeGroot = "BESTAND_TE_GROOT";
    public const string KolomOntbreekt = "KOLOM_ONTBREEKT";
    public const string KolomDubbel = "KOLOM_DUBBEL";

    // Delivery rules: about the delivery as a whole, decided outside the file's content
    public const string BestandDubbel = "BESTAND_DUBBEL";
    public const string BestandsnaamOngeldig = "BESTANDSNAAM_ONGELDIG";
    public const string BestandVervangen = "BESTAND_VERVANGEN";
    public const string VerwerkingMislukt = "VERWERKING_MISLUKT";

    /// <summary>A warning: the board is not in the registry of boards; the file is validated all the same.</summary>
    public const string BestuurOnbekend = "BESTUUR_ONBEKEND";

    /// <summary>A warning: the board is <c>opgeheven</c>; the file is validated all the same.</summary>
    public const string BestuurOpgeheven = "BESTUUR_OPGEHEVEN";

    /// <summary>A warning: the column is ignored, the file is not rejected for it.</summary>
    public const string KolomOnbekend = "KOLOM_ONBEKEND";

    /// <summary>A warning: the terugmelding lists only the first meldingen; the counts stay exact.</summary>
    public const string MeldingenBeperkt = "MELDINGEN_BEPERKT";

    // Row rules
    public const string KolommenAantal = "KOLOMMEN_AANTAL";
    public const string VerplichtVeldLeeg = "VERPLICHT_VELD_LEEG";
    public const string VeldTeLang = "VELD_TE_LANG";
    public const string BestuursnummerOngeldig = "BESTUURSNUMMER_ONGELDIG";
    public const string BestuursnummerAfwijkend = "BESTUURSNUMMER_AFWIJKEND";
    public const string BsnOngeldig = "BSN_ONGELDIG";
    public const string GeslachtOngeldig = "GESLACHT_ONGELDIG";
    public const string DatumOngeldig = "DATUM_ONGELDIG";
    public const string DatumInToekomst = "DATUM_IN_TOEKOMST";
    public const string LeeftijdOnwaarschijnlijk = "LEEFTIJD_ONWAARSCHIJNLIJK";
    public const string WoonlandOngeldig = "WOONLAND_ONGELDIG";
    public const string AdresBuitenlandVerplicht = "ADRES_BUITENLAND_VERPLICHT";
    public const string GrondslagOnbekend = "GRONDSLAG_ONBEKEND";
    public const string OnderwijsterreinVerplicht = "ONDERWIJSTERREIN_VERPLICHT";
    public const string EinddatumVoorBegindatum = "EINDDATUM_VOOR_BEGINDATUM";
    public const string BrinOngeldig = "BRIN_ONGELDIG";
    public const string VolgnummerOngeldig = "VOLGNUMMER_ONGELDIG";
    public const string RegelDubbel = "REGEL_DUBBEL";
}
