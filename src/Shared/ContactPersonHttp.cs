using System.Text.Json;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Infrastructure.Access;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// <c>GET</c> and <c>PUT /api/besturen/{bestuursnummer}/contactpersoon</c>, compiled into both hosts so they answer
/// alike: the board's own key or the operator key as <c>Authorization: Bearer</c> (another board's key: 403), problems
/// in Dutch (problem+json). The history names who made a change as the key tells it.
/// </summary>
internal static class ContactPersonHttp
{
    /// <summary>A contact person and a deputy fit in far less; a larger body is not one.</summary>
    private const int MaxBodyBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> GetAsync(HttpRequest request, string bestuursnummer, ApiKeys keys, GetContactPerson getContactPerson, CancellationToken cancellationToken)
    {
        var (number, _, refused) = await BoardAccess.CheckAsync(request, bestuursnummer, keys, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return await getContactPerson.HandleAsync(number, cancellationToken) is { } view
            ? Results.Ok(view)
            : BoardAccess.UnknownBoard();
    }

    public static async Task<IResult> PutAsync(HttpRequest request, string bestuursnummer, ApiKeys keys, SetContactPerson setContactPerson, CancellationToken cancellationToken)
    {
        var (number, caller, refused) = await BoardAccess.CheckAsync(request, bestuursnummer, keys, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var body = await ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Het verzoek is geen geldige JSON",
                detail: "Stuur de contactpersoon als JSON: {\"naam\", \"functie\", \"emailadres\", \"telefoonnummer\"}, met desgewenst een \"plaatsvervanger\" in dezelfde vorm.");
        }

        var result = await setContactPerson.HandleAsync(number, body.ToInput(), body.Plaatsvervanger?.ToInput(), caller!.Door, cancellationToken);
        return result.Outcome switch
        {
            ContactPersonOutcome.Saved or ContactPersonOutcome.Unchanged => Results.Ok(result.View),
            ContactPersonOutcome.Invalid => Results.ValidationProblem(
                result.Errors.GroupBy(e => e.Veld).ToDictionary(g => g.Key, g => g.Select(e => e.Melding).ToArray()),
                title: "De contactpersoon is niet opgeslagen: niet alle gegevens zijn geldig"),
            ContactPersonOutcome.BoardOpgeheven => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Het bestuur is opgeheven",
                detail: "Voor een opgeheven bestuur kan geen contactpersoon worden vastgelegd. Klopt dit niet, neem dan contact op met de Helpdesk Lerarenregister."),
            _ => BoardAccess.UnknownBoard(),
        };
    }

    /// <summary>The body as JSON, or null when it is not JSON of an object (or too large to be a contact person).</summary>
    private static async Task<ContactPersonJson?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return buffer.Length == 0 ? null : JsonSerializer.Deserialize<ContactPersonJson>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
