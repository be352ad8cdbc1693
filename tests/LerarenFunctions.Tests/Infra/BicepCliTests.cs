using System.Text.Json.Nodes;
using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Tests.Infra;

/// <summary>The templates compile and lint cleanly with the pinned Bicep CLI, and the linter config makes any finding fail.</summary>
public class BicepCliTests
{
    [Fact]
    public async Task BuildAndLint_ReportNothing_WhenRunOnMainAndEveryModule()
    {
        var problems = await BicepChecks.BuildAndLintAsync(RepositoryRoot.Find());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task BuildAndLint_ReportTheMistakes_WhenAModuleHasAnUnusedParameterOrAHardCodedLocation()
    {
        var copy = Directory.CreateTempSubdirectory("lerarenfunctions-infra-");
        try
        {
            // The whole of infra/, bicepconfig.json included, with two modules that each make one mistake.
            CopyDirectory(Path.Combine(RepositoryRoot.Find(), "infra"), Path.Combine(copy.FullName, "infra"));
            var modules = Path.Combine(copy.FullName, "infra", "modules");
            await File.WriteAllTextAsync(Path.Combine(modules, "proefOngebruikt.bicep"), """
                @description('Name of the identity.')
                param name string

                @description('Never used.')
                param unused string

                @description('Azure region.')
                param location string

                resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
                  name: name
                  location: location
                }

                """);
            await File.WriteAllTextAsync(Path.Combine(modules, "proefLocatie.bicep"), """
                @description('Name of the identity.')
                param name string

                resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
                  name: name
                  location: 'westeurope'
                }

                """);

            var problems = await BicepChecks.BuildAndLintAsync(copy.FullName);

            Assert.Contains(problems, p => p.Contains("proefOngebruikt.bicep", StringComparison.Ordinal) && p.Contains("no-unused-params", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("proefLocatie.bicep", StringComparison.Ordinal) && p.Contains("no-hardcoded-location", StringComparison.Ordinal));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public void BicepConfig_SetsEveryRuleToError_Always()
    {
        var problems = BicepChecks.ConfigProblems(ReadConfig());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void BicepConfig_ReportsTheRule_WhenOneIsOnlyAWarning()
    {
        var config = ReadConfig();
        config["analyzers"]!["core"]!["rules"]!["no-unused-params"] = new JsonObject { ["level"] = "warning" };

        Assert.Contains(BicepChecks.ConfigProblems(config), p => p.Contains("'no-unused-params' to 'warning'", StringComparison.Ordinal));
    }

    private static JsonObject ReadConfig() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "infra", "bicepconfig.json")))!.AsObject();

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
