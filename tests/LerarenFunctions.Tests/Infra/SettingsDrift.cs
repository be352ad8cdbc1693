using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LerarenFunctions.Tests.Infra;

/// <summary>The decisions the drift check takes as given: each list entry carries why.</summary>
internal sealed record DriftRules(
    IReadOnlyDictionary<string, string> PlatformSettings,
    IReadOnlyDictionary<string, string> LeftToCodeDefaults,
    IReadOnlyDictionary<string, (string TemplateDefault, string Why)> DeliberateDefaults,
    IReadOnlyList<string> KeyVaultSettings);

/// <summary>
/// Compares the function app's settings in the compiled template with the settings the code reads. Each method
/// returns what is wrong, as sentences that say what to change; an empty list means they agree.
/// </summary>
internal static class SettingsDrift
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    public static List<string> Problems(IReadOnlyList<TemplateSetting> template, IReadOnlyList<CodeSetting> code, DriftRules rules) =>
    [
        .. Duplicates(template),
        .. Unread(template, code, rules),
        .. Unset(template, code, rules),
        .. StaleEntries(template, code, rules),
        .. Defaults(template, code, rules),
        .. Secrets(template, rules),
    ];

    private static IEnumerable<string> Duplicates(IReadOnlyList<TemplateSetting> template) =>
        template.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"main.bicep sets the app setting '{g.Key}' {g.Count()} times: App Service keeps one of them; set it once.");

    private static IEnumerable<string> Unread(IReadOnlyList<TemplateSetting> template, IReadOnlyList<CodeSetting> code, DriftRules rules) =>
        template.Select(s => s.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(name => !rules.PlatformSettings.ContainsKey(name) && !code.Any(c => c.IsSetBy(name)))
            .Select(name =>
                $"main.bicep sets the app setting '{name}', which no code reads (no options property, no trigger): remove it from the template, " +
                "or, if the Functions host or the platform reads it, add it to DriftDecisions.PlatformSettings with why.");

    private static IEnumerable<string> Unset(IReadOnlyList<TemplateSetting> template, IReadOnlyList<CodeSetting> code, DriftRules rules)
    {
        foreach (var setting in code.Where(c => !template.Any(t => c.IsSetBy(t.Name))))
        {
            if (setting.ReadByTrigger)
            {
                // The host resolves %Section:Key% itself, without the options' default: unset, the trigger does not start.
                yield return $"The trigger setting '{setting.Name}' ({setting.Source}) is not set by main.bicep: the Functions host has no default for it. Give it a parameter and an app setting.";
            }
            else if (!rules.LeftToCodeDefaults.ContainsKey(setting.Name))
            {
                yield return $"The app reads '{setting.Name}' ({setting.Source}, default {Format(setting.Default)}), which main.bicep does not set: " +
                    "give it a parameter with the code's default and an app setting in infra/main.bicep, or add it to DriftDecisions.LeftToCodeDefaults with why its default is right in every environment.";
            }
        }
    }

    /// <summary>List entries that no longer apply: the lists must say exactly what was decided.</summary>
    private static IEnumerable<string> StaleEntries(IReadOnlyList<TemplateSetting> template, IReadOnlyList<CodeSetting> code, DriftRules rules)
    {
        foreach (var name in rules.LeftToCodeDefaults.Keys)
        {
            if (!code.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"LeftToCodeDefaults lists '{name}', which the code no longer reads: remove the entry.";
            }
            else if (template.Any(t => code.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) && c.IsSetBy(t.Name))))
            {
                yield return $"LeftToCodeDefaults lists '{name}', which main.bicep now sets: remove the entry.";
            }
            else if (code.Any(c => c.ReadByTrigger && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"LeftToCodeDefaults lists '{name}', which a trigger reads: the Functions host has no default for it; set it in main.bicep.";
            }
        }

        foreach (var name in rules.DeliberateDefaults.Keys.Where(n => !template.Any(t => string.Equals(t.Name, n, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"DeliberateDefaults lists '{name}', which main.bicep does not set: remove the entry.";
        }

        // Also proves the settings were found wherever the template builds them (a conditional list, a module).
        foreach (var name in rules.PlatformSettings.Keys.Where(n => !template.Any(t => string.Equals(t.Name, n, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"PlatformSettings lists '{name}', which main.bicep does not set: remove the entry, or set the setting.";
        }
    }

    private static IEnumerable<string> Defaults(IReadOnlyList<TemplateSetting> template, IReadOnlyList<CodeSetting> code, DriftRules rules)
    {
        foreach (var setting in template)
        {
            var read = code.FirstOrDefault(c => !c.IsList && c.ValueType is not null && string.Equals(c.Name, setting.Name, StringComparison.OrdinalIgnoreCase));
            if (read is null || setting.Parameter is not { } parameter)
            {
                // Not read as a value, or not a parameter (a fixed value or a computed one): there is no default to compare.
                continue;
            }

            var where = $"main.bicep's parameter '{parameter.Name}' ({parameter.Scope.Name})";
            if (rules.DeliberateDefaults.TryGetValue(setting.Name, out var deliberate))
            {
                if (!SameForApp(read.ValueType!, deliberate.TemplateDefault, parameter.DefaultText))
                {
                    yield return $"DeliberateDefaults lists '{setting.Name}' with the template default '{deliberate.TemplateDefault}', but {where} defaults to '{parameter.DefaultText}': update the entry (and its why).";
                }
                else if (Parse(read.ValueType!, parameter.DefaultText, out var same) && Equals(same, Normalize(read.Default)))
                {
                    yield return $"DeliberateDefaults lists '{setting.Name}', but its template default now equals the code's ({Format(read.Default)}): remove the entry.";
                }

                continue;
            }

            if (!parameter.HasDefault)
            {
                if (Normalize(read.Default) is not null)
                {
                    yield return $"{where} for '{setting.Name}' has no default, but the code defaults to {Format(read.Default)} ({read.Source}): give the parameter that default, or list the setting in DeliberateDefaults with why.";
                }

                continue;
            }

            if (!Parse(read.ValueType!, parameter.DefaultText, out var parsed))
            {
                yield return $"{where} defaults to '{parameter.DefaultText}', which the app cannot read as the {read.ValueType!.Name} of '{setting.Name}' ({read.Source}): write it as the app parses it.";
            }
            else if (!Equals(parsed, Normalize(read.Default)))
            {
                yield return $"The default of '{setting.Name}' differs: {where} defaults to '{parameter.DefaultText}', the code ({read.Source}) to {Format(read.Default)}. " +
                    "Make them equal, or list the setting in DriftDecisions.DeliberateDefaults with why.";
            }
        }
    }

    private static IEnumerable<string> Secrets(IReadOnlyList<TemplateSetting> template, DriftRules rules)
    {
        foreach (var setting in template.Where(s => ContainsAccountKey(s)))
        {
            yield return $"The app setting '{setting.Name}' holds a storage account key (AccountKey=): remove it; storage is reached by identity (AzureWebJobsStorage__blobServiceUri, __queueServiceUri, __tableServiceUri, __credential, __clientId).";
        }

        foreach (var name in rules.KeyVaultSettings)
        {
            var setting = template.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                yield return $"main.bicep does not set '{name}': set it to a Key Vault reference ({KeyVaultReference}VaultName=...;SecretName=...)).";
            }
            else if (!IsKeyVaultReference(setting))
            {
                yield return $"The app setting '{name}' is not a Key Vault reference ({setting.ResolvedText}): a secret never goes into the template; write it as {KeyVaultReference}VaultName=...;SecretName=...).";
            }
        }
    }

    private static bool ContainsAccountKey(TemplateSetting setting) =>
        (ArmTemplate.Text(setting.Value) ?? string.Empty).Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
        || setting.ResolvedText.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase);

    /// <summary>A reference as a literal, or as the literal start of the <c>format</c> or <c>concat</c> that builds it.</summary>
    private static bool IsKeyVaultReference(TemplateSetting setting)
    {
        var (node, _) = ArmTemplate.Follow(setting.Scope, setting.Value);
        if (!ArmExpression.TryInner(node, out var inner))
        {
            return (ArmTemplate.Text(node) ?? string.Empty).StartsWith(KeyVaultReference, StringComparison.Ordinal);
        }

        var start = ArmExpression.Literal(inner)
            ?? ArmExpression.Calls(inner, "format").Concat(ArmExpression.Calls(inner, "concat"))
                .Where(c => c.Start == 0)
                .Select(c => ArmExpression.Literal(c.Arguments[0]))
                .FirstOrDefault();
        return start?.StartsWith(KeyVaultReference, StringComparison.Ordinal) == true;
    }

    /// <summary>Parses <paramref name="text"/> the way the configuration binder does (a type converter, invariant culture).</summary>
    private static bool Parse(Type type, string? text, out object? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            // An empty setting is no value: the binder leaves the default (or the key out of a dictionary).
            return true;
        }

        try
        {
            value = Normalize(TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text));
            return true;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static bool SameForApp(Type type, string? a, string? b) =>
        Parse(type, a, out var left) && Parse(type, b, out var right) && Equals(left, right);

    private static object? Normalize(object? value) => value is string { Length: 0 } ? null : value;

    private static string Format(object? value) =>
        value switch
        {
            null or string { Length: 0 } => "none",
            TimeSpan time => $"'{time.ToString("c", CultureInfo.InvariantCulture)}'",
            JsonNode node => node.ToJsonString(),
            IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)))}]",
            _ => $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}'",
        };
}
