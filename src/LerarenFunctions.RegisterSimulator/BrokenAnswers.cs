using System.Text.Json;
using LerarenFunctions.Infrastructure.Register;

namespace LerarenFunctions.RegisterSimulator;

/// <summary>
/// Builds the <c>200</c> answers of <see cref="RegisterFaults.BrokenAnswer"/> from the proper answer, so a broken
/// answer looks like the real one except for the one break a test asks for.
/// </summary>
internal static class BrokenAnswers
{
    private const string Json = "application/json; charset=utf-8";

    public static IResult Render(BrokenAnswerKind kind, RegisterBatchResponse answer)
    {
        switch (kind)
        {
            case BrokenAnswerKind.GeenBody:
                return Results.Ok();
            case BrokenAnswerKind.GeenJson:
                return Results.Content("<html><body><h1>Onderhoud</h1><p>Probeer het later opnieuw.</p></body></html>", "text/html; charset=utf-8");
            case BrokenAnswerKind.OngeldigeJson:
                var whole = JsonSerializer.Serialize(answer);
                return Results.Content(whole[..(whole.Length / 2)], Json);
            case BrokenAnswerKind.ResultatenNull:
                return Results.Content("""{"resultaten":null}""", Json);
            case BrokenAnswerKind.ResultatenOntbreken:
                return Results.Content("""{"uitkomsten":[]}""", Json);
            default:
                break;
        }

        var body = JsonSerializer.SerializeToNode(answer)!.AsObject();
        var results = body["resultaten"]!.AsArray();
        var first = results.Count > 0 ? results[0]!.AsObject() : [];
        switch (kind)
        {
            case BrokenAnswerKind.ResultatenGeenLijst:
                body["resultaten"] = first.DeepClone();
                break;
            case BrokenAnswerKind.ResultaatNull when results.Count > 0:
                results[0] = null;
                break;
            case BrokenAnswerKind.TeWeinigResultaten when results.Count > 0:
                results.RemoveAt(results.Count - 1);
                break;
            case BrokenAnswerKind.ResultaatNull or BrokenAnswerKind.TeWeinigResultaten:
                // An empty batch has no result to drop: one too many breaks the count just as well.
                results.Add(null);
                break;
            case BrokenAnswerKind.TeVeelResultaten:
                results.Add(first.DeepClone());
                break;
            case BrokenAnswerKind.OnbekendeStatus:
                first["status"] = "onbekend";
                break;
            case BrokenAnswerKind.StatusHoofdletter:
                first["status"] = "Geregistreerd";
                break;
            case BrokenAnswerKind.StatusNull:
                first["status"] = null;
                break;
            case BrokenAnswerKind.ZonderRegistratieId:
                first["status"] = RegisterContract.Geregistreerd;
                first["registratieId"] = null;
                first["reden"] = null;
                break;
            case BrokenAnswerKind.ZonderReden:
                first["status"] = RegisterContract.Afgewezen;
                first["registratieId"] = null;
                first["reden"] = null;
                break;
            case BrokenAnswerKind.RegistratieIdEnReden:
                first["status"] = RegisterContract.Geregistreerd;
                first["registratieId"] ??= "REG-99999999";
                first["reden"] = "BSN_ONBEKEND_IN_BRP";
                break;
            case BrokenAnswerKind.AfgewezenMetRegistratieId:
                first["status"] = RegisterContract.Afgewezen;
                first["registratieId"] ??= "REG-99999999";
                first["reden"] ??= "BSN_ONBEKEND_IN_BRP";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a broken answer the simulator knows.");
        }

        return Results.Content(body.ToJsonString(), Json);
    }
}
