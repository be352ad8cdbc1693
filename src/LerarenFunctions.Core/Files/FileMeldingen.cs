using System.Globalization;

namespace LerarenFunctions.Core.Files;

/// <summary>
/// The findings about a file as a whole, in Dutch, addressed to the board and saying what to fix. A file finding
/// has no row; any one of them (except a warning) rejects the file.
/// </summary>
public static class FileMeldingen
{
    public static Melding Leeg() => File(MeldingCodes.BestandLeeg,
        "Het bestand is leeg of bevat alleen een kopregel. Zet de kolomnamen op de eerste regel en daaronder één regel per leraar.");

    public static Melding Binair() => File(MeldingCodes.BestandOnleesbaar,
        "Het bestand is geen CSV- of Excel-bestand. Lever de gegevens aan als CSV (UTF-8, gescheiden door puntkomma's) of als Excel-werkmap (.xlsx).");

    public static Melding OudExcel() => File(MeldingCodes.BestandOnleesbaar,
        "Het bestand is een oud Excel-bestand (.xls). Sla het in Excel op als Excel-werkmap (.xlsx) of als CSV UTF-8 en lever het opnieuw aan.");

    public static Melding Utf16() => File(MeldingCodes.BestandOnleesbaar,
        "Het bestand is opgeslagen als Unicode-tekst (UTF-16). Sla het in Excel op als CSV UTF-8 (door lijstscheidingsteken gescheiden) of als .xlsx.");

    public static Melding ExcelBeschadigd() => File(MeldingCodes.BestandOnleesbaar,
        "Het Excel-bestand is beschadigd of onvolledig en kan niet worden gelezen. Open het in Excel, sla het opnieuw op als .xlsx en lever het opnieuw aan.");

    public static Melding ExcelZonderWerkblad() => File(MeldingCodes.BestandOnleesbaar,
        "Het Excel-bestand heeft geen werkblad met gegevens. Zet de gegevens op het eerste werkblad.");

    public static Melding Onleesbaar() => File(MeldingCodes.BestandOnleesbaar,
        "Het bestand kan niet worden gelezen. Lever de gegevens aan als CSV (UTF-8, gescheiden door puntkomma's) of als Excel-werkmap (.xlsx).");

    public static Melding RegelTeLang(int regel, int maxBytes) => File(MeldingCodes.BestandOnleesbaar, string.Create(CultureInfo.InvariantCulture,
        $"Vanaf regel {regel} kan het bestand niet worden gelezen: de regel is langer dan {maxBytes} bytes. Meestal ontbreekt er een afsluitend aanhalingsteken (\"); controleer de aanhalingstekens vanaf die regel."));

    public static Melding TeVeelRegels(int maxRows) => File(MeldingCodes.BestandTeGroot, string.Create(CultureInfo.InvariantCulture,
        $"Het bestand heeft meer dan {maxRows} regels. Verdeel de gegevens over meerdere bestanden van elk hoogstens {maxRows} regels."));

    public static Melding TeveelBytes(long maxBytes) => File(MeldingCodes.BestandTeGroot, string.Create(CultureInfo.InvariantCulture,
        $"Het bestand is groter dan {Megabytes(maxBytes)}. Verdeel de gegevens over meerdere kleinere bestanden."));

    public static Melding ExcelTeGroot(long maxBytes) => File(MeldingCodes.BestandTeGroot, string.Create(CultureInfo.InvariantCulture,
        $"Het Excel-bestand is uitgepakt groter dan {Megabytes(maxBytes)}. Verdeel de gegevens over meerdere kleinere bestanden, of lever ze aan als CSV."));

    public static Melding ExcelTeVeelTekst(long maxBytes) => File(MeldingCodes.BestandOnleesbaar, string.Create(CultureInfo.InvariantCulture,
        $"Het Excel-bestand bevat meer verschillende teksten dan in één keer kunnen worden gelezen (meer dan {Megabytes(maxBytes)}). Verdeel de gegevens over meerdere kleinere bestanden, of lever ze aan als CSV."));

    /// <summary>One row of an XLSX holds more text than one CSV record may take (<see cref="TeacherFileOptions.MaxRecordBytes"/>).</summary>
    public static Melding ExcelRegelTeLang(int regel, int maxCharacters) => File(MeldingCodes.BestandOnleesbaar, string.Create(CultureInfo.InvariantCulture,
        $"Regel {regel} van het Excel-bestand bevat meer dan {maxCharacters} tekens en kan niet worden gelezen. Zo'n regel heeft meestal lange teksten of heel veel kolommen die niet bij de aanlevering horen; verwijder die kolommen en lever het bestand opnieuw aan."));

    public static Melding ExcelTeVeelOnderdelen() => File(MeldingCodes.BestandOnleesbaar,
        "Het Excel-bestand bestaat uit te veel onderdelen (werkbladen, afbeeldingen, koppelingen) om te kunnen lezen. Kopieer het werkblad met de leraren naar een nieuwe, lege werkmap en lever die aan, of lever de gegevens aan als CSV.");

    public static Melding KolomOntbreekt(string column) => new(null, null, column, MeldingCodes.KolomOntbreekt, Ernst.Fout,
        $"De verplichte kolom '{column}' ontbreekt in de kopregel. Voeg de kolom toe; de volgorde van de kolommen maakt niet uit.", null);

    public static Melding KolomDubbel(string column) => new(null, null, column, MeldingCodes.KolomDubbel, Ernst.Fout,
        $"De kolom '{column}' staat meer dan één keer in de kopregel. Laat één kolom met deze naam over.", null);

    public static Melding KolomOnbekend(string column) => new(null, null, column, MeldingCodes.KolomOnbekend, Ernst.Waarschuwing,
        $"De kolom '{column}' is onbekend; de waarden in deze kolom worden niet verwerkt. Controleer de spelling van de kolomnaam of verwijder de kolom.", null);

    public static Melding KolomZonderNaam(int position) => new(null, null, null, MeldingCodes.KolomOnbekend, Ernst.Waarschuwing, string.Create(CultureInfo.InvariantCulture,
        $"Kolom {position} heeft geen naam in de kopregel; de waarden in deze kolom worden niet verwerkt. Geef de kolom een naam of verwijder hem."), null);

    public static Melding MeldingenBeperkt(int max) => new(null, null, null, MeldingCodes.MeldingenBeperkt, Ernst.Waarschuwing, string.Create(CultureInfo.InvariantCulture,
        $"Er zijn meer dan {max} meldingen; deze terugmelding toont alleen de eerste {max}. Herstel deze en lever het bestand opnieuw aan."), null);

    private static Melding File(string code, string text) => new(null, null, null, code, Ernst.Fout, text, null);

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
