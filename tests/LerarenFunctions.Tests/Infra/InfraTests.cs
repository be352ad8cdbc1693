using LerarenFunctions.LocalHost.Development;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LerarenFunctions.Core.Boards;
using LerarenFunctions.Core.Deliveries;
using LerarenFunctions.Core.Reminders;
using LerarenFunctions.Infrastructure.Register;
using LerarenFunctions.Infrastructure.Storage;

namespace LerarenFunctions.Tests.Infra;

/// <summary>The operators' deployment files in <c>infra/</c>: they compile, and they match what the app expects.</summary>
public partial class InfraTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BicepBuild_MatchesStorageNamesAndAppSettings_WhenMainBicepCompiles()
    {
        var root = RepositoryRoot.Find();

        var build = await RunAsync(BicepPath(), root, "build", Path.Combine("infra", "main.bicep"), "--stdout");

        Assert.True(build.ExitCode == 0, $"bicep build failed with exit code {build.ExitCode}:\n{build.StandardError}");
        Assert.True(
            string.IsNullOrWhiteSpace(build.StandardError),
            $"bicep build reported diagnostics (linter warnings count as failures):\n{build.StandardError}");
        var template = JsonNode.Parse(build.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException("bicep build wrote no ARM template.");

        AssertSameNames(StorageNames.Containers, ChildNames(template, "Microsoft.Storage/storageAccounts/blobServices/containers"), "blob containers");
        AssertSameNames(
            StorageNames.Queues.SelectMany(queue => new[] { queue, queue + "-poison" }),
            ChildNames(template, "Microsoft.Storage/storageAccounts/queueServices/queues"),
            "queues");
        AssertSameNames(StorageNames.Tables, ChildNames(template, "Microsoft.Storage/storageAccounts/tableServices/tables"), "tables");

        AssertFunctionApp(template);
        AssertRetention(template, StorageNames.UploadsContainer, "30");
        AssertRetention(template, StorageNames.ReportsContainer, "400");
        AssertExampleParametersFit(template, Path.Combine(root, "infra", "main.parameters.example.json"));
    }

    [Fact]
    public async Task DeployScript_ParsesWithoutErrors_WhenCheckedWithBashN()
    {
        var root = RepositoryRoot.Find();

        var check = await RunAsync("bash", root, "-n", Path.Combine("infra", "deploy.sh"));

        Assert.True(check.ExitCode == 0, $"bash -n infra/deploy.sh failed with exit code {check.ExitCode}:\n{check.StandardError}");
    }

    private static void AssertFunctionApp(JsonObject template)
    {
        var site = Assert.Single(Resources(template), r => (string?)r["type"] == "Microsoft.Web/sites");
        var siteConfig = site["properties"]?["siteConfig"];
        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)siteConfig?["linuxFxVersion"]);

        var settings = AppSettings(template, siteConfig?["appSettings"]);

        Assert.Equal("dotnet-isolated", settings.GetValueOrDefault("FUNCTIONS_WORKER_RUNTIME"));
        Assert.Equal("~4", settings.GetValueOrDefault("FUNCTIONS_EXTENSION_VERSION"));
        Assert.Contains("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
        Assert.Contains("WEBSITE_CONTENTSHARE", settings.Keys);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);

        // The app reads the storage connection string from this setting (StorageOptions needs AccountName=...).
        Assert.Contains(StorageNames.Connection, settings.Keys);
        Assert.Contains("AccountName=", settings[StorageNames.Connection], StringComparison.Ordinal);

        // The register's base URL has no default: the deployment must require it.
        Assert.Contains(Setting(RegisterOptions.SectionName, nameof(RegisterOptions.BaseUrl)), settings.Keys);
        Assert.Null(template["parameters"]?["registerBaseUrl"]?["defaultValue"]);

        // The other settings come from parameters whose defaults are those of the options classes.
        var register = new RegisterOptions();
        AssertDefault(template, settings, Setting(RegisterOptions.SectionName, nameof(RegisterOptions.AttemptTimeout)), register.AttemptTimeout.ToString("c", CultureInfo.InvariantCulture));
        AssertDefault(template, settings, Setting(RegisterOptions.SectionName, nameof(RegisterOptions.TotalTimeout)), register.TotalTimeout.ToString("c", CultureInfo.InvariantCulture));
        AssertDefault(template, settings, Setting(RegisterOptions.SectionName, nameof(RegisterOptions.MaxRetries)), register.MaxRetries.ToString(CultureInfo.InvariantCulture));
        AssertDefault(template, settings, Setting(ForwardingOptions.SectionName, nameof(ForwardingOptions.BatchSize)), new ForwardingOptions().BatchSize.ToString(CultureInfo.InvariantCulture));
        var retention = new RetentionOptions();
        AssertDefault(template, settings, Setting(RetentionOptions.SectionName, nameof(RetentionOptions.Deliveries)), retention.Deliveries.ToString("c", CultureInfo.InvariantCulture));
        AssertDefault(template, settings, Setting(RetentionOptions.SectionName, nameof(RetentionOptions.DeadLetterRows)), retention.DeadLetterRows.ToString("c", CultureInfo.InvariantCulture));
        AssertDefault(template, settings, Setting(RetentionOptions.SectionName, nameof(RetentionOptions.Emails)), retention.Emails.ToString("c", CultureInfo.InvariantCulture));

        // The reminder timer's trigger reads its schedule from this setting: the Functions host has no other default.
        AssertDefault(template, settings, Setting(ReminderOptions.SectionName, "Schema"), new ReminderOptions().Schedule);

        // A sector's deadline is a setting only when its parameter is set: no empty setting for a sector without one.
        foreach (var sector in Enum.GetValues<Sector>())
        {
            AssertDefault(template, settings, $"{BoardOptions.SectionName}__Deadlines__{sector.ToContract()}", string.Empty);
        }

        Assert.Contains("not(empty(", (string?)template["variables"]?["deadlineSettings"], StringComparison.Ordinal);
    }

    /// <summary>
    /// The function app's settings, name to value as a literal list holds them (a string, or an expression in
    /// brackets). The template joins the fixed settings with the sector deadlines that are set, so it holds them as one
    /// expression; each <c>createObject('name', 'X', 'value', ...)</c> in it, or in a variable it uses, is one setting.
    /// </summary>
    private static Dictionary<string, string> AppSettings(JsonObject template, JsonNode? appSettings)
    {
        if (appSettings is JsonArray list)
        {
            return list.ToDictionary(s => (string)s!["name"]!, s => (string?)s!["value"] ?? string.Empty, StringComparer.Ordinal);
        }

        var expression = (string?)appSettings ?? string.Empty;
        var text = expression + string.Concat(VariableReference().Matches(expression).Select(m => (string?)template["variables"]?[m.Groups[1].Value]));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match setting in SettingObject().Matches(text))
        {
            var value = ArgumentAt(text, setting.Index + setting.Length);
            settings.Add(setting.Groups[1].Value, value.StartsWith('\'') ? value[1..^1].Replace("''", "'", StringComparison.Ordinal) : $"[{value}]");
        }

        return settings;
    }

    /// <summary>The argument of a template expression that starts at <paramref name="start"/>, up to its comma or closing parenthesis.</summary>
    private static string ArgumentAt(string text, int start)
    {
        var (depth, quoted) = (0, false);
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    // A quote inside a string is doubled: it closes and opens again.
                    quoted = !quoted;
                    break;
                case '(' or '[' when !quoted:
                    depth++;
                    break;
                case ')' or ']' when !quoted && depth == 0:
                case ',' when !quoted && depth == 0:
                    return text[start..i];
                case ')' or ']' when !quoted:
                    depth--;
                    break;
            }
        }

        throw new InvalidOperationException($"Unbalanced template expression: {text[start..]}");
    }

    /// <summary>A lifecycle rule deletes the blobs of <paramref name="container"/> after a parameter's days.</summary>
    private static void AssertRetention(JsonObject template, string container, string defaultDays)
    {
        var policy = Assert.Single(Resources(template), r => (string?)r["type"] == "Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = policy["properties"]?["policy"]?["rules"]?.AsArray() ?? [];
        var rule = Assert.Single(
            rules,
            r => (r?["definition"]?["filters"]?["prefixMatch"]?.AsArray() ?? []).Any(p => (string?)p == container + "/"));
        var days = (string?)rule?["definition"]?["actions"]?["baseBlob"]?["delete"]?["daysAfterModificationGreaterThan"];
        var parameter = ParameterReference().Match(days ?? string.Empty);
        Assert.True(parameter.Success, $"The retention of {container} is not a parameter: {days}");
        Assert.Equal(defaultDays, template["parameters"]?[parameter.Groups[1].Value]?["defaultValue"]?.ToString());
    }

    private static void AssertExampleParametersFit(JsonObject template, string parametersFile)
    {
        var declared = template["parameters"]?.AsObject() ?? [];
        var example = JsonNode.Parse(File.ReadAllText(parametersFile))?["parameters"]?.AsObject() ?? [];

        foreach (var (name, _) in example)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.example.json sets '{name}', which main.bicep does not declare.");
        }

        foreach (var (name, parameter) in declared)
        {
            var required = parameter?["defaultValue"] is null && name != "location";
            Assert.False(required && !example.ContainsKey(name), $"main.parameters.example.json misses the required parameter '{name}'.");
        }
    }

    private static void AssertDefault(JsonObject template, Dictionary<string, string> settings, string setting, string expected)
    {
        Assert.True(settings.TryGetValue(setting, out var value), $"The function app has no setting '{setting}'.");
        var parameter = ParameterReference().Match(value);
        Assert.True(parameter.Success, $"The setting '{setting}' does not come from a parameter: {value}");
        var defaultValue = template["parameters"]?[parameter.Groups[1].Value]?["defaultValue"]?.ToString();
        Assert.True(expected == defaultValue, $"The default of '{setting}' is '{defaultValue}' in main.bicep but '{expected}' in the app.");
    }

    private static void AssertSameNames(IEnumerable<string> expected, IEnumerable<string> actual, string what)
    {
        Assert.True(
            expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal)),
            $"The {what} in main.bicep ({string.Join(", ", actual)}) differ from StorageNames ({string.Join(", ", expected)}).");
    }

    private static string Setting(string section, string key) => $"{section}__{key}";

    /// <summary>
    /// The last name segments of every resource of <paramref name="type"/>: either a literal
    /// (<c>[format('{0}/{1}/{2}', ..., 'name')]</c>) or a loop over a variable holding literal names
    /// (<c>[format(..., variables('names')[copyIndex()])]</c>).
    /// </summary>
    private static List<string> ChildNames(JsonObject template, string type)
    {
        var names = new List<string>();
        foreach (var resource in Resources(template).Where(r => (string?)r["type"] == type))
        {
            var name = (string?)resource["name"] ?? string.Empty;
            var loop = LoopOverVariable().Match(name);
            if (loop.Success)
            {
                Assert.NotNull(resource["copy"]);
                var items = template["variables"]?[loop.Groups[1].Value]?.AsArray()
                    ?? throw new InvalidOperationException($"The variable '{loop.Groups[1].Value}' of {type} is not an array.");
                foreach (var item in items)
                {
                    var literal = (string?)item ?? string.Empty;
                    Assert.False(literal.StartsWith('['), $"The variable '{loop.Groups[1].Value}' holds an expression, not a name: {literal}");
                    names.Add(literal);
                }
            }
            else
            {
                var literal = LastLiteralSegment().Match(name);
                Assert.True(literal.Success, $"Cannot read the name of a {type}: {name}");
                names.Add(literal.Groups[1].Value);
            }
        }

        return names;
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(r => r.Value).OfType<JsonObject>(), // languageVersion 2.0
            _ => [],
        };

    private static string BicepPath()
    {
        var configured = typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        Assert.False(string.IsNullOrEmpty(configured), "The test assembly has no BicepPath metadata (package Azure.Bicep.CommandLine).");

        // The package builds the path with a backslash; on Linux that is not a separator.
        var path = Path.GetFullPath(OperatingSystem.IsWindows() ? configured : configured.Replace('\\', '/'));
        Assert.True(File.Exists(path), $"The Bicep CLI is not at {path}.");

        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not always keep the executable bit of a package's files.
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }

        return path;
    }

    private static async Task<ProcessResult> RunAsync(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {ProcessTimeout.TotalSeconds} s.");
        }

        return new ProcessResult(process.ExitCode, await standardOutput, await standardError);
    }

    [GeneratedRegex(@"variables\('(\w+)'\)\[copyIndex\(\)\]\)\]$")]
    private static partial Regex LoopOverVariable();

    [GeneratedRegex(@"'([^']+)'\)\]$")]
    private static partial Regex LastLiteralSegment();

    [GeneratedRegex(@"^\[(?:string\()?parameters\('(\w+)'\)\)?\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"variables\('(\w+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"createObject\('name', '([^']+)', 'value', ")]
    private static partial Regex SettingObject();

    private sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
}
