using System.Text.Json.Nodes;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.Infrastructure.Storage;
using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Tests.Infra;

/// <summary><c>host.json</c>, read by the Functions host and the LocalHost alike, holds what the code relies on.</summary>
public class HostJsonTests
{
    [Fact]
    public void HostJson_HoldsWhatTheCodeExpects_Always()
    {
        var problems = Problems(Read());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("http", "routePrefix", "\"api\"", "routePrefix")]
    [InlineData("queues", "maxDequeueCount", null, "maxDequeueCount")]
    [InlineData("queues", "maxDequeueCount", "1", "maxDequeueCount")]
    [InlineData("queues", "messageEncoding", "\"none\"", "messageEncoding")]
    public void HostJson_ReportsTheSetting_WhenAMistakeIsSeeded(string extension, string setting, string? json, string reported)
    {
        var hostJson = Read();
        var section = hostJson["extensions"]![extension]!.AsObject();
        section.Remove(setting);
        if (json is not null)
        {
            section[setting] = JsonNode.Parse(json);
        }

        Assert.Contains(Problems(hostJson), p => p.Contains(reported, StringComparison.Ordinal));
    }

    internal static List<string> Problems(JsonObject hostJson)
    {
        var problems = new List<string>();
        if ((string?)hostJson["version"] != "2.0")
        {
            problems.Add("host.json: version must be \"2.0\" (Functions runtime 4).");
        }

        // The host puts the prefix (default "api") before every route; HttpRoutes starts the API's routes with "api/"
        // itself so that pages can live outside it. Any prefix would double it or move every route.
        if (hostJson["extensions"]?["http"]?["routePrefix"] is not JsonValue prefix || (string?)prefix != string.Empty)
        {
            problems.Add($"host.json: extensions.http.routePrefix must be \"\" (present and empty): HttpRoutes starts every API route with '{HttpRoutes.Api}' itself, and the health check is /{HttpRoutes.Health}.");
        }

        var queues = hostJson["extensions"]?["queues"];
        if (queues?["maxDequeueCount"] is not JsonValue dequeue || !dequeue.TryGetValue<int>(out var count) || count < 2)
        {
            problems.Add(
                $"host.json: extensions.queues.maxDequeueCount must be set, 2 or more: after that many deliveries a message moves to its poison queue ({StorageNames.ForwardingPoisonQueue}), " +
                "where a function records the batch as given up; it bounds the retries of our own errors without giving up on the first.");
        }

        // The app's queue clients send base64 (StorageClients); a trigger that does not decode it reads garbage.
        if (queues?["messageEncoding"] is { } encoding && !string.Equals((string?)encoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"host.json: extensions.queues.messageEncoding is '{encoding}', but the app sends base64: remove the setting or set it to base64.");
        }

        return problems;
    }

    private static JsonObject Read() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")))!.AsObject();
}
