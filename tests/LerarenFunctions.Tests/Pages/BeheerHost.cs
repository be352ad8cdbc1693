using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The LocalHost with the register simulator for the operators' page: two boards without a contact person, and
/// deliveries sent over the API, with the register refusing them for good when a test needs a dead letter.
/// </summary>
public class BeheerHost : OwnLocalHost
{
    public const string BoardA = "10301";
    public const string BoardB = "10302";

    protected override IEnumerable<(string Number, string Name, BoardStatus Status)> Boards =>
    [
        (BoardA, "Beheer Noord", BoardStatus.Actief),
        (BoardB, "Beheer Zuid", BoardStatus.Actief),
    ];

    protected override bool WithRegister => true;

    /// <summary>
    /// Delivers <paramref name="csv"/> for <paramref name="board"/> over the API while the register refuses every batch
    /// (422), and waits until the delivery is closed with its batch dead-lettered. The register accepts again after.
    /// </summary>
    public async Task<string> DeliverRefusedAsync(string board, string csv)
    {
        Simulator.State.Faults.RefuseWithStatus = 422;
        try
        {
            var id = await SendCsvAsync(board, csv);
            await Eventually.WaitAsync(
                async () =>
                {
                    var status = JsonNode.Parse(await Api.GetStringAsync($"api/besturen/{board}/leveringen/{id}"))!;
                    return (string?)status["status"] == "afgerond" && (int?)status["aantallen"]!["mislukt"] > 0 ? status : null;
                },
                TimeSpan.FromSeconds(60),
                () => $"Delivery {id} was not dead-lettered.{Environment.NewLine}{Process.Output}");
            return id;
        }
        finally
        {
            Simulator.State.Faults.RefuseWithStatus = null;
        }
    }

    /// <summary>Where a delivery stands, over the API.</summary>
    public async Task<JsonNode> StatusAsync(string board, string id) =>
        JsonNode.Parse(await Api.GetStringAsync($"api/besturen/{board}/leveringen/{id}"))!;
}
