using System.Globalization;
using LerarenFunctions.Core.Domain;
using LerarenFunctions.Core.Files;

namespace LerarenFunctions.Core.Deliveries;

/// <summary>
/// The findings about a delivery as a whole that do not come from reading the file, in Dutch, addressed to the board
/// and saying what to do. Each rejects the delivery (nothing of it is forwarded), except the warnings about the board.
/// </summary>
public static class IntakeMeldingen
{
    public static Melding GeenBestuursmap(string folder) => new(null, null, TeacherFileColumns.Bestuursnummer, MeldingCodes.BestuursnummerOngeldig, Ernst.Fout,
        "Lever het bestand aan in de map van uw bestuur: {bestuursnummer}/{bestandsnaam}, met als mapnaam precies de 5 cijfers van het bestuursnummer (zonder spaties of andere tekens).",
        PersonalData.MaskDigitRuns(folder));

    public static Melding OngeldigeNaam(string path) => new(null, null, null, MeldingCodes.BestandsnaamOngeldig, Ernst.Fout,
        "De naam van het bestand is ongeldig: hij bevat een lege map, een map met de naam '.' of '..', of een map die op 'proef' lijkt maar niet precies zo heet (let op hoofdletters en spaties). Er is niets doorgestuurd. Lever het bestand opnieuw aan als {bestuursnummer}/{bestandsnaam}, of als proeflevering als {bestuursnummer}/proef/{bestandsnaam}.",
        PersonalData.MaskDigitRuns(path));

    public static Melding Dubbel(string earlierId) => new(null, null, null, MeldingCodes.BestandDubbel, Ernst.Fout, string.Create(CultureInfo.InvariantCulture,
        $"Dit bestand is eerder aangeleverd (aanlevering {earlierId}) en wordt niet opnieuw doorgestuurd. Lever alleen wijzigingen en nieuwe leraren aan."), null);

    public static Melding Vervangen() => new(null, null, null, MeldingCodes.BestandVervangen, Ernst.Fout,
        "Het bestand is vervangen of verwijderd voordat het verwerkt was; deze versie wordt niet doorgestuurd. Een nieuwe versie met dezelfde naam wordt apart verwerkt en krijgt een eigen terugmelding.",
        null);

    public static Melding VerwerkingMislukt(int attempts) => new(null, null, null, MeldingCodes.VerwerkingMislukt, Ernst.Fout, string.Create(CultureInfo.InvariantCulture,
        $"Het bestand kon door een technische fout niet worden verwerkt ({attempts} pogingen); er is niets doorgestuurd. Lever het bestand opnieuw aan; lukt dat niet, neem dan contact op met de Helpdesk Lerarenregister."),
        null);

    /// <summary>A warning: the board is not in DUO's registry of boards; the file is validated all the same.</summary>
    public static Melding BestuurOnbekend(Bestuursnummer bestuursnummer) => new(null, null, TeacherFileColumns.Bestuursnummer, MeldingCodes.BestuurOnbekend, Ernst.Waarschuwing,
        "Dit bestuursnummer staat niet in het register van besturen. Het bestand is wel gecontroleerd. Controleer of het bestuursnummer (de mapnaam) klopt; klopt het, neem dan contact op met de Helpdesk Lerarenregister.",
        bestuursnummer.Value);

    /// <summary>A warning: the board is <c>opgeheven</c>; the file is validated all the same.</summary>
    public static Melding BestuurOpgeheven(Bestuursnummer bestuursnummer) => new(null, null, TeacherFileColumns.Bestuursnummer, MeldingCodes.BestuurOpgeheven, Ernst.Waarschuwing,
        "Dit bestuur is volgens het register van besturen opgeheven. Het bestand is wel gecontroleerd. Lever aan onder het bestuursnummer van het bestuur dat de leraren nu in dienst heeft, of neem contact op met de Helpdesk Lerarenregister.",
        bestuursnummer.Value);

    /// <summary>A terugmelding that rejects a file as a whole with one melding.</summary>
    public static Terugmelding Rejection(string fileName, string bestuursnummer, Melding melding) => new()
    {
        Bestand = PersonalData.MaskDigitRuns(fileName),
        Bestuursnummer = bestuursnummer,
        Status = TerugmeldingStatus.Afgewezen,
        Meldingen = [melding],
    };
}
