using System.Globalization;
using LerarenFunctions.Core.Deliveries;
using IQueryCollection = Microsoft.AspNetCore.Http.IQueryCollection;
using IResult = Microsoft.AspNetCore.Http.IResult;
using Results = Microsoft.AspNetCore.Http.Results;
using StatusCodes = Microsoft.AspNetCore.Http.StatusCodes;

namespace LerarenFunctions.Http;

/// <summary>
/// The query parameters several routes share, read alike: each given once or not at all; a bad one is a 400
/// problem+json in Dutch that says what is expected.
/// </summary>
internal static class QueryParameters
{
    /// <summary>A 400 problem+json with a Dutch title and what to send instead.</summary>
    public static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    /// <summary><c>?status=</c>: one delivery status as the contract spells it; null when left out.</summary>
    public static bool TryStatus(IQueryCollection query, out DeliveryStatus? status, out IResult? problem)
    {
        status = null;
        problem = null;
        if (!query.TryGetValue("status", out var text))
        {
            return true;
        }

        status = Enum.GetValues<DeliveryStatus>().Cast<DeliveryStatus?>().FirstOrDefault(s => text.Count == 1 && s!.Value.ToContract() == text[0]);
        problem = status is null
            ? BadRequest("Ongeldige status", $"Filter op één status: {string.Join(", ", Enum.GetValues<DeliveryStatus>().Select(s => s.ToContract()))}.")
            : null;
        return problem is null;
    }

    /// <summary><c>?aantal=</c>: items per page, 1 to <paramref name="max"/>; <paramref name="fallback"/> when left out.</summary>
    public static bool TryPageSize(IQueryCollection query, int fallback, int max, out int pageSize, out IResult? problem)
    {
        pageSize = fallback;
        problem = query.TryGetValue("aantal", out var text)
            && (text.Count != 1 || !int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > max)
                ? BadRequest("Ongeldig aantal", $"Vraag 1 tot en met {max} aanleveringen per pagina.")
                : null;
        return problem is null;
    }

    /// <summary>A date parameter as <c>jjjj-mm-dd</c>, given once; <paramref name="fallback"/> when left out.</summary>
    public static bool TryDate(IQueryCollection query, string name, DateOnly? fallback, out DateOnly? date)
    {
        date = fallback;
        if (!query.TryGetValue(name, out var text))
        {
            return true;
        }

        if (text.Count == 1 && DateOnly.TryParseExact(text[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            return true;
        }

        date = null;
        return false;
    }

    /// <summary><c>?vervolg=</c>: the token of the next page as the previous answer gave it; null when left out.</summary>
    public static string? Continuation(IQueryCollection query) => query.TryGetValue("vervolg", out var token) ? token.ToString() : null;
}
