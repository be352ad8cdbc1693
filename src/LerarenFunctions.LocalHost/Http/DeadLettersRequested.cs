using LerarenFunctions.Core.Deliveries;
using Microsoft.AspNetCore.Mvc;

namespace LerarenFunctions.LocalHost.Http;

/// <summary>The ASP.NET Core twin of the worker's <c>DeadLettersRequested</c>.</summary>
public static class DeadLettersRequested
{
    public static async Task<IResult> Run([FromServices] DeadLetters deadLetters, CancellationToken cancellationToken) =>
        Results.Ok(await deadLetters.ListAsync(cancellationToken));
}

/// <summary>The ASP.NET Core twin of the worker's <c>DeadLetterReplayRequested</c>.</summary>
public static class DeadLetterReplayRequested
{
    public static async Task<IResult> Run(string id, int batch, [FromServices] DeadLetters deadLetters, CancellationToken cancellationToken) =>
        await deadLetters.ReplayAsync(id, batch, cancellationToken) ? Results.Accepted() : Results.NotFound();
}
