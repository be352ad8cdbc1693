using System.Text.Json.Nodes;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Pages;

/// <summary>
/// The LocalHost with the register simulator for the board's pages: two boards, keys issued over the API (as the
/// helpdesk does), and deliveries sent over the API when a test needs one ready.
/// </summary>
public sealed class PortaalHost : OwnLocalHost
{
    public const string BoardA = "10201";
    public const string BoardB = "10202";

    protected override IEnumerable<(string Number, string Name, BoardStatus Status)> Boards =>
    [
        (BoardA, "Portaal Noord", BoardStatus.Actief),
        (BoardB, "Portaal Zuid", BoardStatus.Actief),
    ];

    protected override bool WithRegister => true;

    public async Task RevokeKeyAsync(string board, string id)
    {
        using var response = await Api.DeleteAsync($"api/beheer/besturen/{board}/sleutels/{id}");
        Assert.True(response.IsSuccessStatusCode, $"Revoking key {id} answered {(int)response.StatusCode}.");
    }

    /// <summary>Delivers <paramref name="csv"/> for <paramref name="board"/> over the API and waits until it is final.</summary>
    public async Task<string> DeliverAsync(string board, string csv)
    {
        var id = await SendCsvAsync(board, csv);
        await Eventually.WaitAsync(
            async () =>
            {
                var status = JsonNode.Parse(await Api.GetStringAsync($"api/besturen/{board}/leveringen/{id}"))!;
                return (string?)status["status"] is "afgerond" or "afgewezen" ? status : null;
            },
            TimeSpan.FromSeconds(60),
            () => $"Delivery {id} did not finish.{Environment.NewLine}{Process.Output}");
        return id;
    }

    /// <summary>A teacher file for <paramref name="board"/>: <paramref name="valid"/> valid rows and one with a BSN that fails the eleven test.</summary>
    public static string FileWithOneBadRow(string board, int valid = 3, int seed = 1) =>
        SyntheticData.TeacherCsv(board, valid, seed, [$"R{valid + 1};{board};{BadBsn};V;1980-01-01;701;2019-08-01;12AB;2019-08-01"]);

    /// <summary>Nine digits that fail the eleven test: made up, never a person's.</summary>
    public const string BadBsn = "123456789";
}
