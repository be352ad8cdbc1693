using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>POST /api/besturen/{bestuursnummer}/uploadlinks</c>: a link with which a board writes one file straight into its folder.</summary>
public sealed class CreateUploadLinkFunction(CreateUploadLink createUploadLink, ApiKeys keys, ApiRateLimit rateLimit)
{
    [Function(nameof(CreateUploadLink))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.UploadLinks)] HttpRequest request,
        string bestuursnummer,
        CancellationToken cancellationToken) =>
        UploadLinkHttp.PostAsync(request, bestuursnummer, keys, rateLimit, createUploadLink, cancellationToken);
}
