using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Files;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Access;
using LerarenFunctions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.LocalHost.Http;

/// <summary>
/// The ASP.NET Core twins of the worker's HTTP functions, mapped below <c>/api</c> with the same routes and names.
/// Both check the board and operator keys the same way (src/Shared); in Azure the function and admin keys gate the
/// routes as well.
/// </summary>
public static class HttpFunctions
{
    public static Task<IResult> GetHealth(HttpRequest request, [FromServices] Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService health, [FromServices] OperatorKey operatorKey, CancellationToken cancellationToken) =>
        HealthHttp.GetAsync(request, health, operatorKey, cancellationToken);

    public static IResult GetOpenApiDocument(HttpRequest request) => OpenApiHttp.Get(request);

    public static Task<IResult> AcceptDelivery(string bestuursnummer, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] ApiRateLimit rateLimit, [FromServices] AcceptDelivery acceptDelivery, [FromServices] IOptions<TeacherFileOptions> limits, CancellationToken cancellationToken) =>
        DeliveryHttp.PostAsync(request, bestuursnummer, keys, rateLimit, acceptDelivery, limits.Value, cancellationToken);

    public static Task<IResult> CreateUploadLink(string bestuursnummer, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] ApiRateLimit rateLimit, [FromServices] CreateUploadLink createUploadLink, CancellationToken cancellationToken) =>
        UploadLinkHttp.PostAsync(request, bestuursnummer, keys, rateLimit, createUploadLink, cancellationToken);

    public static Task<IResult> GetBoardDeliveryStatus(string bestuursnummer, string id, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] GetDeliveryStatus getDeliveryStatus, CancellationToken cancellationToken) =>
        DeliveryHttp.GetStatusAsync(request, bestuursnummer, id, keys, getDeliveryStatus, cancellationToken);

    public static Task<IResult> GetBoardTerugmelding(string bestuursnummer, string id, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] GetTerugmelding getTerugmelding, CancellationToken cancellationToken) =>
        DeliveryHttp.GetTerugmeldingAsync(request, bestuursnummer, id, keys, getTerugmelding, cancellationToken);

    public static Task<IResult> GetDeliveryStatus(string id, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] GetDeliveryStatus getDeliveryStatus, CancellationToken cancellationToken) =>
        DeliveryHttp.GetStatusForOperatorAsync(request, id, operatorKey, getDeliveryStatus, cancellationToken);

    public static Task<IResult> GetTerugmelding(string id, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] GetTerugmelding getTerugmelding, CancellationToken cancellationToken) =>
        DeliveryHttp.GetTerugmeldingForOperatorAsync(request, id, operatorKey, getTerugmelding, cancellationToken);

    public static Task<IResult> ListDeadLetters(HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] ListDeadLetters listDeadLetters, CancellationToken cancellationToken) =>
        DeadLetterHttp.ListAsync(request, operatorKey, listDeadLetters, cancellationToken);

    public static Task<IResult> ReplayDeadLetter(string id, int batch, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] ApiRateLimit rateLimit, [FromServices] ReplayDeadLetter replayDeadLetter, CancellationToken cancellationToken) =>
        DeadLetterHttp.ReplayAsync(request, id, batch, operatorKey, rateLimit, replayDeadLetter, cancellationToken);

    public static Task<IResult> GetContactPerson(string bestuursnummer, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] GetContactPerson getContactPerson, CancellationToken cancellationToken) =>
        ContactPersonHttp.GetAsync(request, bestuursnummer, keys, getContactPerson, cancellationToken);

    public static Task<IResult> SetContactPerson(string bestuursnummer, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] SetContactPerson setContactPerson, CancellationToken cancellationToken) =>
        ContactPersonHttp.PutAsync(request, bestuursnummer, keys, setContactPerson, cancellationToken);

    public static Task<IResult> IssueBoardKey(string bestuursnummer, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] ApiRateLimit rateLimit, [FromServices] IssueBoardKey issueBoardKey, CancellationToken cancellationToken) =>
        BoardKeyHttp.IssueAsync(request, bestuursnummer, operatorKey, rateLimit, issueBoardKey, cancellationToken);

    public static Task<IResult> ListBoardKeys(string bestuursnummer, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] ListBoardKeys listBoardKeys, CancellationToken cancellationToken) =>
        BoardKeyHttp.ListAsync(request, bestuursnummer, operatorKey, listBoardKeys, cancellationToken);

    public static Task<IResult> RevokeBoardKey(string bestuursnummer, string sleutelId, HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] RevokeBoardKey revokeBoardKey, CancellationToken cancellationToken) =>
        BoardKeyHttp.RevokeAsync(request, bestuursnummer, sleutelId, operatorKey, revokeBoardKey, cancellationToken);

    public static Task<IResult> ListDeliveries(HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] ListDeliveries listDeliveries, [FromServices] TimeProvider time, CancellationToken cancellationToken) =>
        DeliveryOverviewHttp.ListAsync(request, operatorKey, listDeliveries, time, cancellationToken);

    public static Task<IResult> GetBoardState(string bestuursnummer, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] GetBoardState getBoardState, CancellationToken cancellationToken) =>
        BoardHttp.GetStateAsync(request, bestuursnummer, keys, getBoardState, cancellationToken);

    public static Task<IResult> ListBoardDeliveries(string bestuursnummer, HttpRequest request, [FromServices] ApiKeys keys, [FromServices] IBoardStore boards, [FromServices] ListBoardDeliveries listBoardDeliveries, CancellationToken cancellationToken) =>
        BoardHttp.ListDeliveriesAsync(request, bestuursnummer, keys, boards, listBoardDeliveries, cancellationToken);

    public static Task<IResult> PreviewReminders(HttpRequest request, [FromServices] OperatorKey operatorKey, [FromServices] PreviewReminders previewReminders, CancellationToken cancellationToken) =>
        ReminderHttp.PreviewAsync(request, operatorKey, previewReminders, cancellationToken);
}
