using LerarenFunctions.Core.Boards;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>PUT /api/besturen/{bestuursnummer}/contactpersoon</c>: a board names its contact person (and deputy).</summary>
public sealed class SetContactPersonFunction(SetContactPerson setContactPerson, ApiKeys keys)
{
    [Function(nameof(SetContactPerson))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = HttpRoutes.ContactPerson)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        ContactPersonHttp.PutAsync(request, bestuursnummer, keys, setContactPerson, cancellationToken);
}
