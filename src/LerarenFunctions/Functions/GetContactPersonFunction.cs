using LerarenFunctions.Core.Boards;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/besturen/{bestuursnummer}/contactpersoon</c>: a board's contact person and deputy.</summary>
public sealed class GetContactPersonFunction(GetContactPerson getContactPerson, ApiKeys keys)
{
    [Function(nameof(GetContactPerson))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.ContactPerson)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        ContactPersonHttp.GetAsync(request, bestuursnummer, keys, getContactPerson, cancellationToken);
}
