namespace LerarenFunctions.Infrastructure;

/// <summary>
/// The HTTP routes of both hosts, from the site root: <c>host.json</c> sets the Functions host's route prefix to
/// nothing, so the pages can live at <c>/portaal</c> and <c>/beheer</c>, and every API route starts with
/// <see cref="Api"/> itself.
/// </summary>
public static class HttpRoutes
{
    /// <summary>What every route of the HTTP API starts with.</summary>
    public const string Api = "api/";

    /// <summary>Anyone: whether the app can work (storage answers): <c>200 {"status":"gezond"}</c> or <c>503 {"status":"ongezond"}</c>.</summary>
    public const string Health = Api + "health";

    /// <summary>Anyone: the OpenAPI 3 document of every route.</summary>
    public const string OpenApi = Api + "openapi.json";

    /// <summary>A board delivers a file (<c>POST</c>, CSV or XLSX as the body; <c>?proef=true</c> for a trial).</summary>
    public const string BoardDeliveries = Api + "besturen/{bestuursnummer}/leveringen";

    /// <summary>Where a board's delivery stands (also right after its upload, before it is taken in).</summary>
    public const string BoardDelivery = Api + "besturen/{bestuursnummer}/leveringen/{id}";

    /// <summary>A board's delivery's own terugmelding: JSON, or CSV with <c>Accept: text/csv</c>.</summary>
    public const string BoardTerugmelding = Api + "besturen/{bestuursnummer}/leveringen/{id}/terugmelding";

    /// <summary>A board asks a link that writes one new file straight into its folder (<c>POST</c>; <c>?proef=true</c>, <c>?formaat=csv|xlsx</c>).</summary>
    public const string UploadLinks = Api + "besturen/{bestuursnummer}/uploadlinks";

    /// <summary>Operators: where any delivery stands, by its id alone.</summary>
    public const string DeliveryStatus = Api + "beheer/aanleveringen/{id}";

    /// <summary>Operators: any delivery's own terugmelding, by its id alone.</summary>
    public const string Terugmelding = Api + "beheer/aanleveringen/{id}/terugmelding";

    /// <summary>Operators: the dead letters that wait for a replay.</summary>
    public const string DeadLetters = Api + "beheer/dodeletters";

    /// <summary>Operators: offer a dead-lettered batch to the register again.</summary>
    public const string ReplayDeadLetter = Api + "beheer/dodeletters/{id}/{batch:int}/opnieuw";

    /// <summary>Operators: the reminder timer's dry run, who would get what on a day (<c>?datum=jjjj-mm-dd</c>, default today).</summary>
    public const string PreviewReminders = Api + "beheer/herinneringen";

    /// <summary>A board's contact person (and deputy): read and set with the board's own key or the operator key.</summary>
    public const string ContactPerson = Api + "besturen/{bestuursnummer}/contactpersoon";

    /// <summary>Operators: issue a board key (<c>POST</c>, the key is answered once) and list a board's keys (<c>GET</c>).</summary>
    public const string BoardKeys = Api + "beheer/besturen/{bestuursnummer}/sleutels";

    /// <summary>Operators: revoke a board key (<c>DELETE</c>).</summary>
    public const string BoardKey = Api + "beheer/besturen/{bestuursnummer}/sleutels/{sleutelId}";

    /// <summary>Where a board stands: contact person set, newest delivery, open errors, deadline, reminders sent.</summary>
    public const string BoardState = Api + "besturen/{bestuursnummer}";

    /// <summary>Operators: deliveries across boards, finished ones by Dutch day (<c>?van=&amp;tot=</c>) and status, paged.</summary>
    public const string Deliveries = Api + "beheer/aanleveringen";
}
