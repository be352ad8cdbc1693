using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3 document of every route; no key.</summary>
public sealed class GetOpenApiDocumentFunction
{
    [Function("GetOpenApiDocument")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Function methods are called on an instance, as every other.")]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HttpRoutes.OpenApi)] HttpRequest request) =>
        OpenApiHttp.Get(request);
}
