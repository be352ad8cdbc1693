using System.Text.Json;
using System.Text.Json.Nodes;
using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// <c>.devcontainer/devcontainer.json</c> gives what the repository needs (global.json's .NET 10 SDK, Node 20 for
/// Azurite), forwards the ports of the worker and Azurite, and installs the pinned tools when it is created.
/// </summary>
public class DevcontainerTests
{
    private const string DevcontainerPath = ".devcontainer/devcontainer.json";

    /// <summary>The Functions host or LocalHost, and Azurite's blob, queue and table ports.</summary>
    private static readonly int[] Ports = [7071, 10000, 10001, 10002];

    /// <summary>What package.json (Azurite) and dotnet-tools.json (smtp4dev) pin.</summary>
    private static readonly string[] CreateCommands = ["npm ci", "dotnet tool restore"];

    [Fact]
    public void Devcontainer_HoldsWhatTheRepositoryNeeds_Always()
    {
        var problems = Problems(Read(), ReadRepositoryFile);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("node 18", "Node 20")]
    [InlineData("dotnet 8", ".NET 10 SDK")]
    [InlineData("no queue port", "port 10001")]
    [InlineData("no tools", "'dotnet tool restore'")]
    public void Devcontainer_ReportsTheMistake_WhenOneIsSeeded(string mistake, string reported)
    {
        var devcontainer = Read();
        switch (mistake)
        {
            case "node 18":
                Feature(devcontainer, "node")!["version"] = "18";
                break;
            case "dotnet 8":
                Feature(devcontainer, "dotnet")!["version"] = "8.0";
                break;
            case "no queue port":
                var ports = devcontainer["forwardPorts"]!.AsArray();
                ports.Remove(ports.Single(p => p?.ToJsonString() is "10001" or "\"10001\""));
                break;
            case "no tools":
                devcontainer.Remove("onCreateCommand");
                devcontainer.Remove("updateContentCommand");
                devcontainer["postCreateCommand"] = "npm ci";
                break;
        }

        Assert.Contains(Problems(devcontainer, ReadRepositoryFile), p => p.Contains(reported, StringComparison.Ordinal));
    }

    internal static List<string> Problems(JsonObject devcontainer, Func<string, string?> readRepositoryFile)
    {
        var problems = new List<string>();
        var image = (string?)devcontainer["image"] ?? string.Empty;

        var dotnet = (string?)Feature(devcontainer, "dotnet")?["version"];
        if (!(dotnet?.StartsWith("10", StringComparison.Ordinal) == true || (image.Contains("dotnet", StringComparison.Ordinal) && image.Contains(":10", StringComparison.Ordinal))))
        {
            problems.Add($"{DevcontainerPath} has no .NET 10 SDK (global.json): add the feature ghcr.io/devcontainers/features/dotnet with version 10.0, or a dotnet:10 image.");
        }

        var node = (string?)Feature(devcontainer, "node")?["version"];
        if (!(node is "20" || node?.StartsWith("20.", StringComparison.Ordinal) == true || image.Contains("node:20", StringComparison.Ordinal)))
        {
            problems.Add($"{DevcontainerPath} has no Node 20 (Azurite 3.37 needs it, newer Azurite needs 22): add the feature ghcr.io/devcontainers/features/node with version 20.");
        }

        var forwarded = (devcontainer["forwardPorts"] as JsonArray ?? []).Select(p => ArmTemplate.Text(p)).ToHashSet();
        foreach (var port in Ports.Where(p => !forwarded.Contains(p.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            problems.Add($"{DevcontainerPath} does not forward port {port} (7071: the HTTP API; 10000-10002: Azurite's blob, queue and table): add it to forwardPorts.");
        }

        var commands = CommandLines(devcontainer, readRepositoryFile);
        foreach (var command in CreateCommands.Where(c => !commands.Any(l => l.Contains(c, StringComparison.Ordinal))))
        {
            problems.Add($"{DevcontainerPath} does not run '{command}' when the container is created: add it to postCreateCommand (or the script it runs).");
        }

        return problems;
    }

    /// <summary>
    /// The command lines run when the container is created (onCreate, updateContent, postCreate: a string, an
    /// argument list or named commands), with the lines of any repository script they run, comments left out.
    /// </summary>
    private static List<string> CommandLines(JsonObject devcontainer, Func<string, string?> readRepositoryFile)
    {
        var commands = new List<string>();
        foreach (var command in new[] { "onCreateCommand", "updateContentCommand", "postCreateCommand" }.Select(k => devcontainer[k]))
        {
            var lines = command switch
            {
                JsonArray argv => [string.Join(' ', argv.Select(ArmTemplate.Text))],
                JsonObject named => named.Select(n => n.Value is JsonArray argv ? string.Join(' ', argv.Select(ArmTemplate.Text)) : ArmTemplate.Text(n.Value) ?? string.Empty),
                null => [],
                _ => [ArmTemplate.Text(command) ?? string.Empty],
            };
            foreach (var line in lines)
            {
                commands.Add(line);
                var scripts = line.Split([' ', ';', '&', '|'], StringSplitOptions.RemoveEmptyEntries).Where(t => t.EndsWith(".sh", StringComparison.Ordinal));
                commands.AddRange(scripts.Select(readRepositoryFile).OfType<string>().SelectMany(s => s.Split('\n')));
            }
        }

        return [.. commands.Select(l => l.Split(" #")[0].Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    private static JsonObject? Feature(JsonObject devcontainer, string name) =>
        (devcontainer["features"] as JsonObject ?? [])
            .FirstOrDefault(f => f.Key.Split('/')[^1].Split(':')[0] == name).Value as JsonObject;

    private static string? ReadRepositoryFile(string path)
    {
        // Create commands run in the workspace folder: the repository's root.
        var full = Path.Combine(RepositoryRoot.Find(), path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }

    private static JsonObject Read()
    {
        var path = Path.Combine(RepositoryRoot.Find(), DevcontainerPath);
        Assert.True(File.Exists(path), $"{DevcontainerPath} is missing: the devcontainer (.NET 10 SDK, Node 20, Azurite, Core Tools) is part of the repository.");

        // JSON with comments, as VS Code writes it.
        return JsonNode.Parse(
            File.ReadAllText(path),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
    }
}
