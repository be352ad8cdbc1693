namespace LerarenFunctions.Infrastructure;

/// <summary>The HTTP routes of both hosts, below the <c>/api</c> prefix.</summary>
public static class HttpRoutes
{
    public const string Prefix = "api";

    public const string DeliveryStatus = "aanleveringen/{id}";
}
