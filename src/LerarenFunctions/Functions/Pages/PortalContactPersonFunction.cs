using LerarenFunctions.Core.Boards;
using LerarenFunctions.Http.Pages;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions.Pages;

/// <summary><c>GET|POST /portaal/contactpersoon</c>: the board's contact person, shown and changed.</summary>
public sealed class PortalContactPersonFunction(PageSessions sessions, GetContactPerson getContactPerson, SetContactPerson setContactPerson)
{
    [Function(nameof(PortalPages.PortalContactPerson))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = PageRoutes.PortalContactPerson)] HttpRequest request,
        CancellationToken cancellationToken) =>
        PortalPages.PortalContactPerson(request, sessions, getContactPerson, setContactPerson, cancellationToken);
}
