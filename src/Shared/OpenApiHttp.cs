using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/openapi.json</c>, compiled into both hosts so they answer alike: the hand-kept OpenAPI 3 document
/// <c>src/Shared/openapi.json</c>, embedded in each host. A test compares its paths and methods with the routes both
/// hosts serve.
/// </summary>
internal static class OpenApiHttp
{
    /// <summary>The name the document is embedded under, in each host.</summary>
    public const string ResourceName = "LerarenFunctions.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Read);

    public static IResult Get(HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Bytes(Document.Value, "application/json");
    }

    private static byte[] Read()
    {
        using var stream = typeof(OpenApiHttp).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The OpenAPI document '{ResourceName}' is not embedded in this host.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
