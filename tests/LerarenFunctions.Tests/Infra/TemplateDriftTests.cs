using System.Text.Json.Nodes;
using LerarenFunctions.Infrastructure;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// The function app's settings in the compiled template against the settings the code reads (options classes and
/// triggers, by reflection): nothing unread, nothing missing unless decided (<see cref="DriftDecisions"/>), the same
/// defaults, and secrets only as Key Vault references.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public class TemplateDriftTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void AppSettings_MatchTheCode_WhenCompiledFromMainBicep()
    {
        var problems = Drift(compiled.Template);

        Assert.True(problems.Count == 0, Report(problems));
    }

    [Fact]
    public void HealthCheckPath_IsTheHealthRoute_Always()
    {
        var site = FunctionAppSettings.FunctionApp(compiled.Template);

        // host.json's route prefix is empty: the route is the path from the site root.
        Assert.Equal("/" + HttpRoutes.Health, (string?)site.Properties?["siteConfig"]?["healthCheckPath"]);
    }

    [Fact]
    public void Drift_ReportsTheSetting_WhenTheTemplateDropsOne()
    {
        var problems = Drift(compiled.Template.RemoveSetting("Retention__Emails"));

        Assert.Contains(problems, p => p.Contains("The app reads 'Retention__Emails'", StringComparison.Ordinal));
    }

    [Fact]
    public void Drift_ReportsTheSetting_WhenTheTemplateSetsOneNobodyReads()
    {
        var problems = Drift(compiled.Template.AddSetting("Register__BaseUrl", "Register__Wachtwoord", "geen"));

        Assert.Contains(problems, p => p.Contains("sets the app setting 'Register__Wachtwoord', which no code reads", StringComparison.Ordinal));
    }

    [Fact]
    public void Drift_ReportsTheProperty_WhenTheCodeGainsAnOptionNobodyDecidedOn()
    {
        var problems = Drift(compiled.Template, typeof(SeededOptions));

        Assert.Contains(problems, p => p.Contains("The app reads 'Proef__Knop__Stand' (SeededOptions.Knob.Position, default '3')", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("registerMaxRetries", "5", "Register__MaxRetries")]
    [InlineData("deliveryRetention", "\"401.00:00:00\"", "Retention__Deliveries")]
    [InlineData("reminderSchedule", "\"0 0 8 * * *\"", "Herinneringen__Schema")]
    [InlineData("emailPort", "25", "Email__Port")]
    public void Drift_ReportsTheDefault_WhenAParameterDefaultDiffersFromTheCode(string parameter, string json, string setting)
    {
        var problems = Drift(compiled.Template.SetDefault(parameter, JsonNode.Parse(json)!));

        Assert.Contains(problems, p => p.Contains($"'{setting}'", StringComparison.Ordinal) && p.Contains($"'{parameter}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Drift_AcceptsTheDefault_WhenWrittenOtherwiseButParsedTheSame()
    {
        // 00:00:10 and 0:00:10.000 are one TimeSpan to the configuration binder.
        var problems = Drift(compiled.Template.SetDefault("registerAttemptTimeout", JsonValue.Create("0:00:10.000")));

        Assert.DoesNotContain(problems, p => p.Contains("'registerAttemptTimeout'", StringComparison.Ordinal));
    }

    [Fact]
    public void Drift_ReportsTheKey_WhenASettingHoldsAnAccountKey()
    {
        var template = compiled.Template.SetSetting("Email__Host", "DefaultEndpointsProtocol=https;AccountName=proef;AccountKey=bm9nZWVu");

        Assert.Contains(Drift(template), p => p.Contains("'Email__Host' holds a storage account key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Beheer__Sleutel")]
    [InlineData("Email__Password")]
    public void Drift_ReportsTheSecret_WhenItIsNoKeyVaultReference(string setting)
    {
        var template = compiled.Template.SetSetting(setting, "[parameters('namePrefix')]");

        Assert.Contains(Drift(template), p => p.Contains($"'{setting}' is not a Key Vault reference", StringComparison.Ordinal));
    }

    private static List<string> Drift(ArmTemplate template, params Type[] extraOptionTypes)
    {
        var problems = new List<string>();
        var code = DriftDecisions.AppSettings(problems, extraOptionTypes);
        problems.AddRange(SettingsDrift.Problems(FunctionAppSettings.Read(template), code, DriftDecisions.Rules));
        return problems;
    }

    private static string Report(List<string> problems) =>
        $"The template's app settings and the code disagree ({problems.Count}):\n- " + string.Join("\n- ", problems);

    /// <summary>An options class as a new feature would add it: a nested option with a default.</summary>
    private sealed class SeededOptions
    {
        public const string SectionName = "Proef";

        [Microsoft.Extensions.Configuration.ConfigurationKeyName("Knop")]
        public SeededKnob Knob { get; set; } = new();
    }

    private sealed class SeededKnob
    {
        [Microsoft.Extensions.Configuration.ConfigurationKeyName("Stand")]
        public int Position { get; set; } = 3;
    }
}
