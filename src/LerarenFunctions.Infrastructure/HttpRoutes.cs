namespace LerarenFunctions.Infrastructure;

/// <summary>The HTTP routes of both hosts, below the <c>/api</c> prefix.</summary>
public static class HttpRoutes
{
    public const string Prefix = "api";

    public const string DeliveryStatus = "aanleveringen/{id}";

    /// <summary>Operators: the dead letters that wait for a replay.</summary>
    public const string DeadLetters = "beheer/dodeletters";

    /// <summary>Operators: offer a dead-lettered batch to the register again.</summary>
    public const string ReplayDeadLetter = "beheer/dodeletters/{id}/{batch:int}/opnieuw";
}
