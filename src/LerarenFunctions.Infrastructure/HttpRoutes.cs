namespace LerarenFunctions.Infrastructure;

/// <summary>The HTTP routes of both hosts, below the <c>/api</c> prefix.</summary>
public static class HttpRoutes
{
    public const string Prefix = "api";

    /// <summary>Where a delivery stands (also right after its upload, before it is taken in).</summary>
    public const string DeliveryStatus = "aanleveringen/{id}";

    /// <summary>A delivery's own terugmelding: JSON, or CSV with <c>Accept: text/csv</c>.</summary>
    public const string Terugmelding = "aanleveringen/{id}/terugmelding";

    /// <summary>Operators: the dead letters that wait for a replay.</summary>
    public const string DeadLetters = "beheer/dodeletters";

    /// <summary>Operators: offer a dead-lettered batch to the register again.</summary>
    public const string ReplayDeadLetter = "beheer/dodeletters/{id}/{batch:int}/opnieuw";

    /// <summary>Operators: the reminder timer's dry run, who would get what on a day (<c>?datum=jjjj-mm-dd</c>, default today).</summary>
    public const string PreviewReminders = "beheer/herinneringen";

    /// <summary>A board's contact person (and deputy): read and set; the operator key until boards have keys.</summary>
    public const string ContactPerson = "besturen/{bestuursnummer}/contactpersoon";
}
