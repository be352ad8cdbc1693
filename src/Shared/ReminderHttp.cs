using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET /api/beheer/herinneringen?datum=jjjj-mm-dd</c>, compiled into both hosts so they answer alike: the reminder
/// timer's dry run for operators (the operator key as <c>Authorization: Bearer</c>), problems in Dutch (problem+json).
/// </summary>
internal static class ReminderHttp
{
    /// <summary>The query parameter of the day; left out: today in the Netherlands.</summary>
    public const string DateParameter = "datum";

    public static async Task<IResult> PreviewAsync(HttpRequest request, OperatorKey key, PreviewReminders previewReminders, CancellationToken cancellationToken)
    {
        if (OperatorAccess.Refuse(request, key) is { } refused)
        {
            return refused;
        }

        if (!QueryParameters.TryDate(request.Query, DateParameter, null, out var date))
        {
            return QueryParameters.BadRequest(
                "Ongeldige datum",
                "Geef de datum één keer, als jjjj-mm-dd (bijvoorbeeld ?datum=2026-09-01), of laat hem weg voor vandaag.");
        }

        return Results.Ok(await previewReminders.HandleAsync(date, cancellationToken));
    }
}
