using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>The operator key on a request, checked and refused alike on every route that takes it, in both hosts.</summary>
internal static class OperatorAccess
{
    /// <summary>Null when the request carries the operator key; else the answer: 401 with a Bearer challenge.</summary>
    public static IResult? Refuse(HttpRequest request, OperatorKey key)
    {
        return key.Allows(request.Headers.Authorization) ? null : Challenge(request);
    }

    /// <summary>401 with a Bearer challenge: no key, or one that does not open this route.</summary>
    public static IResult Challenge(HttpRequest request)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Niet aangemeld",
            detail: "Stuur een geldige sleutel mee als 'Authorization: Bearer {sleutel}'.");
    }
}
