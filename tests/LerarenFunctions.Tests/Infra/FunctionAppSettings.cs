using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LerarenFunctions.Tests.Infra;

/// <summary>One app setting as the template sets it: its literal name, its value as written, and where that value is evaluated.</summary>
internal sealed record TemplateSetting(string Name, JsonNode? Value, TemplateScope Scope)
{
    /// <summary>The template parameter the value is, if it is one.</summary>
    public TemplateParameter? Parameter => ArmTemplate.ParameterOf(Scope, Value);

    /// <summary>The value after following variables and module parameters: a literal, or the expression it comes to.</summary>
    public string ResolvedText => ArmTemplate.Text(ArmTemplate.Follow(Scope, Value).Node) ?? string.Empty;
}

/// <summary>
/// The function app's <c>siteConfig.appSettings</c>, gathered wherever the template builds them: literal arrays of
/// <c>{ name, value }</c>, <c>createObject('name', 'X', 'value', ...)</c> in expressions (a <c>concat</c>, a
/// <c>filter</c>, an <c>if</c>), and the variables and module parameters those refer to. Names must be literals.
/// </summary>
internal static partial class FunctionAppSettings
{
    /// <summary>The one function app the template declares.</summary>
    public static ArmResource FunctionApp(ArmTemplate template)
    {
        var sites = template.Declared("Microsoft.Web/sites")
            .Where(s => ((string?)s.Json["kind"] ?? string.Empty).Contains("functionapp", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return sites.Count == 1
            ? sites[0]
            : throw new InvalidOperationException($"The template declares {sites.Count} function apps (Microsoft.Web/sites of kind functionapp); these checks expect exactly one.");
    }

    public static IReadOnlyList<TemplateSetting> Read(ArmTemplate template)
    {
        var site = FunctionApp(template);
        return [.. From(site.Scope, site.Properties?["siteConfig"]?["appSettings"])];
    }

    private static IEnumerable<TemplateSetting> From(TemplateScope scope, JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                var settings = item is JsonObject setting && setting.ContainsKey("name")
                    ? [new TemplateSetting(NameOf(scope, setting["name"]), setting["value"], scope)]
                    : From(scope, item);
                foreach (var found in settings)
                {
                    yield return found;
                }
            }
        }
        else if (ArmExpression.TryInner(node, out var inner))
        {
            foreach (var found in FromExpression(scope, inner))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<TemplateSetting> FromExpression(TemplateScope scope, string text)
    {
        var rest = new StringBuilder();
        var end = 0;
        foreach (var call in ArmExpression.Calls(text, "createObject").Where(IsSetting))
        {
            if (call.Start < end)
            {
                continue;
            }

            var name = ArmExpression.Literal(call.Arguments[1])
                ?? throw new InvalidOperationException($"An app setting's name is not a literal ({call.Arguments[1]}) in {scope.Name}: write it as one, so the checks can read it.");
            var value = call.Arguments[3];
            yield return new TemplateSetting(name, ArmExpression.Literal(value) is { } literal ? JsonValue.Create(literal) : JsonValue.Create($"[{value}]"), scope);
            rest.Append(text, end, call.Start - end);
            end = call.End;
        }

        rest.Append(text, end, text.Length - end);

        // What is left around the settings (concat, filter, if) may bring in lists of settings from elsewhere.
        foreach (Match reference in Reference().Matches(rest.ToString()))
        {
            var name = reference.Groups["name"].Value;
            var settings = reference.Groups["kind"].Value == "variables"
                ? From(scope, scope.Variable(name))
                : scope.PassedValue(name) is { } passed && scope.Parent is { } parent
                    ? From(parent, passed)
                    : From(scope, scope.ParameterDeclaration(name)?["defaultValue"]);
            foreach (var found in settings)
            {
                yield return found;
            }
        }
    }

    private static bool IsSetting(ArmCall call) =>
        call.Arguments.Count == 4 && ArmExpression.Literal(call.Arguments[0]) == "name" && ArmExpression.Literal(call.Arguments[2]) == "value";

    private static string NameOf(TemplateScope scope, JsonNode? name)
    {
        var (node, _) = ArmTemplate.Follow(scope, name);
        return node is JsonValue value && value.TryGetValue<string>(out var text) && !ArmExpression.IsExpression(text)
            ? text
            : throw new InvalidOperationException($"An app setting's name is not a literal ({name?.ToJsonString()}) in {scope.Name}: write it as one, so the checks can read it.");
    }

    [GeneratedRegex(@"(?<![\w.])(?<kind>variables|parameters)\('(?<name>[^']+)'\)")]
    private static partial Regex Reference();
}
