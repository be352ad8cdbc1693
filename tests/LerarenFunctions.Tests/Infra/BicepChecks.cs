using System.Text.Json.Nodes;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// <c>bicep build</c> and <c>bicep lint</c> of <c>infra/main.bicep</c> and every module, with the pinned CLI and
/// <c>infra/bicepconfig.json</c>. Any diagnostic is a problem: the config sets every linter rule to error, and a
/// warning of a rule it does not list would still be printed.
/// </summary>
internal static class BicepChecks
{
    private const string Pattern = "infra/**/*.bicep";

    /// <summary>What is wrong with the templates under <paramref name="root"/><c>/infra</c>; empty when both commands pass cleanly.</summary>
    public static async Task<List<string>> BuildAndLintAsync(string root)
    {
        var templates = Directory.GetFiles(Path.Combine(root, "infra"), "*.bicep", SearchOption.AllDirectories);
        var output = Directory.CreateTempSubdirectory("lerarenfunctions-bicep-");
        try
        {
            // Built into a folder of its own: the JSON is not wanted next to the templates.
            var build = BicepCli.RunAsync(root, "build", "--pattern", Pattern, "--outdir", output.FullName);
            var lint = BicepCli.RunAsync(root, "lint", "--pattern", Pattern);
            var problems = new List<string>();
            problems.AddRange(Report("build", await build));
            problems.AddRange(Report("lint", await lint));

            var built = output.GetFiles("*.json", SearchOption.AllDirectories).Length;
            if (problems.Count == 0 && built != templates.Length)
            {
                problems.Add($"bicep build --pattern {Pattern} compiled {built} of the {templates.Length} templates under infra/: check the pattern.");
            }

            return problems;
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The rules of <c>bicepconfig.json</c> that are not at level <c>error</c> (or the linter that is off).</summary>
    public static List<string> ConfigProblems(JsonObject config)
    {
        var core = config["analyzers"]?["core"];
        if (core?["enabled"] is not JsonValue enabled || !enabled.TryGetValue<bool>(out var on) || !on)
        {
            return ["infra/bicepconfig.json does not enable the linter (analyzers.core.enabled: true)."];
        }

        var rules = core["rules"] as JsonObject ?? [];
        return rules.Count == 0
            ? ["infra/bicepconfig.json lists no linter rules: set every rule of the pinned CLI to level error."]
            : [.. rules.Where(r => (string?)r.Value?["level"] != "error")
                .Select(r => $"infra/bicepconfig.json sets the linter rule '{r.Key}' to '{(string?)r.Value?["level"]}': set it to 'error', so a finding fails the build.")];
    }

    private static IEnumerable<string> Report(string command, ProcessResult result)
    {
        if (result.ExitCode != 0)
        {
            yield return $"bicep {command} --pattern {Pattern} failed (exit code {result.ExitCode}); fix what it reports:\n{result.Output}";
        }
        else if (!string.IsNullOrWhiteSpace(result.Output))
        {
            yield return $"bicep {command} --pattern {Pattern} reported diagnostics; fix them (a warning fails too):\n{result.Output}";
        }
    }
}
