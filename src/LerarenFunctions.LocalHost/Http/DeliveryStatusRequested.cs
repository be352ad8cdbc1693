using LerarenFunctions.Core.Deliveries;
using Microsoft.AspNetCore.Mvc;

namespace LerarenFunctions.LocalHost.Http;

/// <summary>The ASP.NET Core twin of the worker's <c>DeliveryStatusRequested</c>.</summary>
public static class DeliveryStatusRequested
{
    public static async Task<IResult> Run(string id, [FromServices] GetDeliveryStatus getDeliveryStatus, CancellationToken cancellationToken) =>
        await getDeliveryStatus.HandleAsync(id, cancellationToken) is { } status ? Results.Ok(status) : Results.NotFound();
}
