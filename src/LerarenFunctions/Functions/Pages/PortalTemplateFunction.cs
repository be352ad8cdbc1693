using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET /portaal/sjabloon/{formaat}</c>: the template teacher file, CSV or XLSX.</summary>
public sealed class PortalTemplateFunction(PageSessions sessions)
{
    [Function(nameof(PortalPages.PortalTemplate))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoutes.PortalTemplate)] HttpRequest request,
        string formaat,
        CancellationToken cancellationToken) =>
        PortalPages.PortalTemplate(request, formaat, sessions, cancellationToken);
}
