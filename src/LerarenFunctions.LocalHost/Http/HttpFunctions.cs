using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Http;
using Microsoft.AspNetCore.Mvc;

namespace LerarenFunctions.LocalHost.Http;

/// <summary>
/// The ASP.NET Core twins of the worker's HTTP functions, mapped below <c>/api</c> with the same routes and names.
/// The worker guards them with function and admin keys; the LocalHost, like <c>func start</c>, checks no keys.
/// </summary>
public static class HttpFunctions
{
    public static async Task<IResult> GetDeliveryStatus(string id, [FromServices] GetDeliveryStatus getDeliveryStatus, CancellationToken cancellationToken) =>
        await getDeliveryStatus.HandleAsync(id, cancellationToken) is { } status ? Results.Ok(status) : Results.NotFound();

    public static async Task<IResult> GetTerugmelding(string id, HttpRequest request, [FromServices] GetTerugmelding getTerugmelding, CancellationToken cancellationToken) =>
        HttpAnswers.Terugmelding(await getTerugmelding.HandleAsync(id, Core.Deliveries.GetTerugmelding.AcceptsCsv(request.Headers.Accept), cancellationToken));

    public static async Task<IResult> ListDeadLetters([FromServices] ListDeadLetters listDeadLetters, CancellationToken cancellationToken) =>
        Results.Ok(await listDeadLetters.HandleAsync(cancellationToken));

    public static async Task<IResult> ReplayDeadLetter(string id, int batch, [FromServices] ReplayDeadLetter replayDeadLetter, CancellationToken cancellationToken) =>
        HttpAnswers.Replay(await replayDeadLetter.HandleAsync(id, batch, cancellationToken));

    public static Task<IResult> GetContactPerson(string bestuursnummer, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] GetContactPerson getContactPerson, CancellationToken cancellationToken) =>
        ContactPersonHttp.GetAsync(request, bestuursnummer, operatorKey, getContactPerson, cancellationToken);

    public static Task<IResult> SetContactPerson(string bestuursnummer, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] SetContactPerson setContactPerson, CancellationToken cancellationToken) =>
        ContactPersonHttp.PutAsync(request, bestuursnummer, operatorKey, setContactPerson, cancellationToken);

    public static Task<IResult> PreviewReminders(HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] PreviewReminders previewReminders, CancellationToken cancellationToken) =>
        ReminderHttp.PreviewAsync(request, operatorKey, previewReminders, cancellationToken);
}
