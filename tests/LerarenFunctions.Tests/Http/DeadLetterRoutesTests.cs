using System.Net;
using System.Text.Json.Nodes;
using LerarenFunctions.Tests.Pages;
using LerarenFunctions.Tests.Support;

namespace LerarenFunctions.Tests.Http;

/// <summary>
/// <c>POST /api/beheer/dodeletters/{id}/{batch}/opnieuw</c> over real HTTP on the LocalHost, for the dead letters that
/// cannot be replayed: a defined problem in Dutch, never a 500.
/// </summary>
[Collection(DeadLetterCollection.Name)]
public sealed class DeadLetterRoutesTests(DeadLetterHost host)
{
    [Fact]
    public async Task Replay_Answers409AndKeepsTheDeadLetter_WhenTheDeliveryKeepsChanging()
    {
        var id = await host.DeliverRefusedAsync(BeheerHost.BoardA, SyntheticData.TeacherCsv(BeheerHost.BoardA, rows: 3, seed: 61));

        host.Conflicts.ConflictDelivery(id);
        HttpResponseMessage conflicted;
        try
        {
            conflicted = await host.Api.PostAsync($"api/beheer/dodeletters/{id}/1/opnieuw", null);
        }
        finally
        {
            host.Conflicts.ResolveDelivery(id);
        }

        using (conflicted)
        {
            Assert.Equal(HttpStatusCode.Conflict, conflicted.StatusCode);
            var problem = await ProblemAssert.ReadAsync(conflicted);
            Assert.Equal(409, (int?)problem["status"]);
            Assert.Contains("probeer het zo opnieuw", (string?)problem["detail"], StringComparison.Ordinal);
        }

        Assert.Contains(await ListAsync(), l => (string?)l!["aanleveringId"] == id && (bool?)l["opnieuwAanTeBieden"] == true);
        using var again = await host.Api.PostAsync($"api/beheer/dodeletters/{id}/1/opnieuw", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task Replay_Answers410_WhenTheRetentionRemovedTheRows()
    {
        var id = await host.DeliverRefusedAsync(BeheerHost.BoardA, SyntheticData.TeacherCsv(BeheerHost.BoardA, rows: 3, seed: 62));

        await host.ApplyRetentionAsync(TimeSpan.FromDays(31));
        using var gone = await host.Api.PostAsync($"api/beheer/dodeletters/{id}/1/opnieuw", null);

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var problem = await ProblemAssert.HasTitleAsync(gone, "De regels van deze batch zijn verwijderd");
        Assert.Contains("bewaartermijn", (string?)problem["detail"], StringComparison.Ordinal);
        var letter = Assert.Single(await ListAsync(), l => (string?)l!["aanleveringId"] == id)!;
        Assert.Equal(false, (bool?)letter["opnieuwAanTeBieden"]);
        Assert.NotNull((string?)letter["regelsVerwijderdOp"]);
    }

    private async Task<JsonArray> ListAsync() => JsonNode.Parse(await host.Api.GetStringAsync("api/beheer/dodeletters"))!.AsArray();
}
