namespace LerarenFunctions.Infrastructure;

/// <summary>
/// The routes of the server-rendered pages, from the site root like <see cref="HttpRoutes"/> (which is the API, below
/// <c>api/</c>): <c>portaal</c> for boards, <c>beheer</c> for operators. Each is an anonymous HTTP function in both
/// hosts; the pages sign their users in themselves (a browser cannot send a function key).
/// </summary>
public static class PageRoutes
{
    /// <summary>A board's page: its deadline, reminders, upload form, deliveries and the template (GET).</summary>
    public const string Portal = "portaal";

    /// <summary>A board signs in with its board key (GET the form, POST the key).</summary>
    public const string PortalSignIn = Portal + "/aanmelden";

    /// <summary>A board signs out (POST, with the antiforgery token).</summary>
    public const string PortalSignOut = Portal + "/afmelden";

    /// <summary>GET: the board's deliveries as an HTML fragment (refreshed by the page); POST: upload a file (multipart form).</summary>
    public const string PortalDeliveries = Portal + "/leveringen";

    /// <summary>One delivery of the board: its status and its terugmelding as a table (GET).</summary>
    public const string PortalDelivery = Portal + "/leveringen/{id}";

    /// <summary>One delivery's terugmelding as a CSV download (GET).</summary>
    public const string PortalTerugmelding = Portal + "/leveringen/{id}/terugmelding.csv";

    /// <summary>The board's contact person: shown with a form (GET), changed (POST).</summary>
    public const string PortalContactPerson = Portal + "/contactpersoon";

    /// <summary>The template teacher file, <c>csv</c> or <c>xlsx</c> (GET).</summary>
    public const string PortalTemplate = Portal + "/sjabloon/{formaat}";

    /// <summary>The operators' page (GET).</summary>
    public const string Operator = "beheer";

    /// <summary>An operator signs in with the operator key (GET the form, POST the key).</summary>
    public const string OperatorSignIn = Operator + "/aanmelden";

    /// <summary>An operator signs out (POST, with the antiforgery token).</summary>
    public const string OperatorSignOut = Operator + "/afmelden";

    /// <summary>The deliveries under way on the operators' page, as an HTML fragment (GET, refreshed by the page).</summary>
    public const string OperatorUnderWay = Operator + "/onderweg";

    /// <summary>An operator offers a dead-lettered batch to the register again (POST, with the antiforgery token).</summary>
    public const string OperatorReplay = Operator + "/dodeletters/{id}/{batch:int}/opnieuw";

    /// <summary>The path of a route as a browser asks it: from the site root.</summary>
    public static string Path(string route) => "/" + route;

    /// <summary>The path the replay form of one dead letter posts to.</summary>
    public static string ReplayPath(string deliveryId, int batch) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/{Operator}/dodeletters/{Uri.EscapeDataString(deliveryId)}/{batch}/opnieuw");

    /// <summary>The path of one of a board's deliveries.</summary>
    public static string DeliveryPath(string deliveryId) => "/" + PortalDeliveries + "/" + Uri.EscapeDataString(deliveryId);
}
