using System.Text.Json.Nodes;
using LerarenFunctions.Infrastructure;
using LerarenFunctions.LocalHost.Development;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// <c>local.settings.example.json</c>, copied to <c>src/LerarenFunctions/local.settings.json</c> for <c>func start</c>
/// (and by the devcontainer), lets the worker start on Azurite as it is.
/// </summary>
public class LocalSettingsTests
{
    [Fact]
    public void LocalSettingsExample_StartsTheWorker_Always()
    {
        var problems = Problems(Read());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Register__BaseUrl", "Register:BaseUrl")]
    [InlineData("Email__FromAddress", "Email:FromAddress")]
    [InlineData("Herinneringen__Schema", "Herinneringen__Schema")]
    [InlineData("AzureWebJobsStorage", "AzureWebJobsStorage")]
    [InlineData("FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME")]
    public void LocalSettingsExample_ReportsTheSetting_WhenItIsLeftOut(string setting, string reported)
    {
        var settings = Read();
        settings["Values"]!.AsObject().Remove(setting);

        Assert.Contains(Problems(settings), p => p.Contains(reported, StringComparison.Ordinal));
    }

    internal static List<string> Problems(JsonObject localSettings)
    {
        var problems = new List<string>();
        var values = (localSettings["Values"] as JsonObject ?? [])
            .ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => ArmTemplate.Text(v.Value), StringComparer.OrdinalIgnoreCase);

        Expect(problems, values, "FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated", "the host starts the isolated worker");
        Expect(problems, values, "AzureWebJobsStorage", "UseDevelopmentStorage=true", "Azurite on its default ports");

        // Core Tools resolves %Section:Key% from these values when it starts; the options' default does not count.
        foreach (var (name, source) in TriggerSettings.Read())
        {
            if (string.IsNullOrWhiteSpace(values.GetValueOrDefault(name.Replace("__", ":", StringComparison.Ordinal))))
            {
                problems.Add($"local.settings.example.json has no value for '{name}', which {source} reads: func start cannot start that trigger without it.");
            }
        }

        problems.AddRange(StartupProblems(values));
        problems.AddRange(values.Where(v => v.Value?.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) == true)
            .Select(v => $"local.settings.example.json: '{v.Key}' holds an account key; the example uses Azurite (UseDevelopmentStorage=true) only."));
        return problems;
    }

    /// <summary>
    /// The worker's options, validated as at its start, on these values alone. Core Tools runs the worker as
    /// Development (it sets AZURE_FUNCTIONS_ENVIRONMENT), where the operator key has its documented default; every
    /// other setting that is required and has no default must be in the example.
    /// </summary>
    private static IEnumerable<string> StartupProblems(Dictionary<string, string?> values)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddLerarenFunctions();
        using var host = builder.Build();
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            var failures = e is AggregateException all ? all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(f => f.Failures) : ((OptionsValidationException)e).Failures;
            return failures.Select(f => $"With local.settings.example.json the worker does not start (func start): {f} Add the setting to the example (nested keys as Section__Key).");
        }
    }

    private static void Expect(List<string> problems, Dictionary<string, string?> values, string name, string expected, string why)
    {
        if (values.GetValueOrDefault(name) != expected)
        {
            problems.Add($"local.settings.example.json: '{name}' must be '{expected}' ({why}); it is '{values.GetValueOrDefault(name)}'.");
        }
    }

    private static JsonObject Read() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "local.settings.example.json")))!.AsObject();
}
