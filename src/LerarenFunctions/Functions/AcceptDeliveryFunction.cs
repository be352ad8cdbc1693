using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Functions;

/// <summary><c>POST /api/besturen/{bestuursnummer}/leveringen</c>: a board delivers a file over HTTP.</summary>
public sealed class AcceptDeliveryFunction(AcceptDelivery acceptDelivery, ApiKeys keys, ApiRateLimit rateLimit, IOptions<TeacherFileOptions> limits)
{
    [Function(nameof(AcceptDelivery))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.BoardDeliveries)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        DeliveryHttp.PostAsync(request, bestuursnummer, keys, rateLimit, acceptDelivery, limits.Value, cancellationToken);
}
