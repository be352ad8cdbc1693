using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Http;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LerarenFunctions.Functions;

/// <summary><c>GET /api/beheer/herinneringen</c>: operators see which reminders the timer would send on a day, and to whom.</summary>
public sealed class PreviewRemindersFunction(PreviewReminders previewReminders, OperatorKey operatorKey)
{
    [Function(nameof(PreviewReminders))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.PreviewReminders)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ReminderHttp.PreviewAsync(request, operatorKey, previewReminders, cancellationToken);
}
