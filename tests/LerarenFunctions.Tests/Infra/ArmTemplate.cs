using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LerarenFunctions.Tests.Infra;

/// <summary>A resource anywhere in the compiled template, with the template (scope) that declares it.</summary>
internal sealed record ArmResource(string Symbol, JsonObject Json, TemplateScope Scope)
{
    public string Type => (string?)Json["type"] ?? string.Empty;

    /// <summary>A reference to a resource deployed elsewhere (<c>existing</c>): it declares nothing.</summary>
    public bool IsExisting => Json["existing"] is JsonValue existing && existing.TryGetValue<bool>(out var value) && value;

    /// <summary>Deployed only under a condition: its own, or one of the modules it is in.</summary>
    public bool IsConditional => Json["condition"] is not null || Scope.IsConditional;

    public JsonNode? Properties => Json["properties"];

    public override string ToString() => $"{Type} '{Symbol}' in {Scope.Name}";
}

/// <summary>A parameter a value comes from, traced through the modules up to where it is declared with its default.</summary>
internal sealed record TemplateParameter(string Name, TemplateScope Scope, JsonObject Declaration)
{
    public bool HasDefault => Declaration.ContainsKey("defaultValue");

    /// <summary>The default as text, as an app setting would hold it (<c>100</c>, <c>00:01:00</c>); null without one.</summary>
    public string? DefaultText => ArmTemplate.Text(Declaration["defaultValue"]);
}

/// <summary>
/// The ARM JSON that <c>bicep build infra/main.bicep</c> writes, walked as a whole: every module is a nested
/// <c>Microsoft.Resources/deployments</c> resource with its own template, whose resources are an array or, in language
/// version 2.0, an object by symbolic name. Values are followed through variables and module parameters to the
/// literals or parameters they come from.
/// </summary>
internal sealed partial class ArmTemplate
{
    public ArmTemplate(JsonObject root)
    {
        Root = root;
        RootScope = new TemplateScope(root, null, null, "main.bicep");
    }

    public JsonObject Root { get; }

    public TemplateScope RootScope { get; }

    /// <summary>A copy to seed a mistake into.</summary>
    public ArmTemplate Clone() => new((JsonObject)Root.DeepClone());

    /// <summary>Every resource, those of nested deployments included.</summary>
    public IEnumerable<ArmResource> Resources() => Walk(RootScope);

    /// <summary>Every resource this template declares (no <c>existing</c> references) of <paramref name="type"/>.</summary>
    public IEnumerable<ArmResource> Declared(string type) =>
        Resources().Where(r => !r.IsExisting && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every template: the root and each module's.</summary>
    public IEnumerable<TemplateScope> Scopes() =>
        Resources().Where(r => r.Type == DeploymentType && r.Properties?["template"] is JsonObject)
            .Select(r => ScopeOf(r))
            .Prepend(RootScope);

    /// <summary>The literal names of a resource (several for a copy loop), or null when its name is no literal.</summary>
    public static IReadOnlyList<string>? NamesOf(ArmResource resource)
    {
        var name = (string?)resource.Json["name"];
        var segment = name is null ? null : ArmExpression.LastNameSegment(name);
        return segment is null ? null : Strings(resource.Scope, segment);
    }

    /// <summary>
    /// The literal strings an argument stands for: a literal, or a variable or parameter that holds one, or, with
    /// <c>[copyIndex()]</c>, every item of the array it holds. Null when any of it is not a literal.
    /// </summary>
    public static IReadOnlyList<string>? Strings(TemplateScope scope, string argument)
    {
        if (ArmExpression.Literal(argument) is { } literal)
        {
            return [literal];
        }

        const string Loop = "[copyIndex()]";
        var text = argument.Trim();
        if (text.EndsWith(Loop, StringComparison.OrdinalIgnoreCase))
        {
            var (items, at) = Resolve(scope, text[..^Loop.Length]);
            if (items is not JsonArray array)
            {
                return null;
            }

            var all = array.Select(item => StringOf(Follow(at, item).Node)).ToList();
            return all.Any(s => s is null) ? null : [.. all.Select(s => s!)];
        }

        var (node, _) = Resolve(scope, text);
        return StringOf(node) is { } single ? [single] : null;
    }

    /// <summary>Follows a value that is a reference to a variable or module parameter to what it refers to.</summary>
    public static (JsonNode? Node, TemplateScope Scope) Follow(TemplateScope scope, JsonNode? node) =>
        ArmExpression.TryInner(node, out var inner) && Reference().IsMatch(inner) ? Resolve(scope, inner) : (node, scope);

    /// <summary>
    /// What an expression refers to when it is <c>variables('x')</c> or <c>parameters('x')</c> (a module's parameter is
    /// read from its deployment, in the parent scope); any other expression stands for itself.
    /// </summary>
    public static (JsonNode? Node, TemplateScope Scope) Resolve(TemplateScope scope, string expression)
    {
        var reference = Reference().Match(expression.Trim());
        if (!reference.Success)
        {
            return (JsonValue.Create($"[{expression}]"), scope);
        }

        var name = reference.Groups["name"].Value;
        if (reference.Groups["kind"].Value == "variables")
        {
            return Follow(scope, scope.Variable(name));
        }

        return scope.PassedValue(name) is { } passed && scope.Parent is { } parent
            ? Follow(parent, passed)
            : Follow(scope, scope.ParameterDeclaration(name)?["defaultValue"]);
    }

    /// <summary>
    /// The parameter a value is (<c>[parameters('x')]</c> or <c>[string(parameters('x'))]</c>, also through variables
    /// and module parameters), traced to the template that declares it with its default; null for any other value.
    /// </summary>
    public static TemplateParameter? ParameterOf(TemplateScope scope, JsonNode? value)
    {
        var (node, at) = (value, scope);
        while (ArmExpression.TryInner(node, out var inner))
        {
            if (Reference().Match(inner) is { Success: true } variable && variable.Groups["kind"].Value == "variables")
            {
                node = at.Variable(variable.Groups["name"].Value);
                continue;
            }

            var parameter = ParameterValue().Match(inner);
            if (!parameter.Success)
            {
                return null;
            }

            var name = parameter.Groups["name"].Value;
            if (at.PassedValue(name) is { } passed && at.Parent is { } parent)
            {
                (node, at) = (passed, parent);
                continue;
            }

            return at.ParameterDeclaration(name) is { } declaration ? new TemplateParameter(name, at, declaration) : null;
        }

        return null;
    }

    /// <summary>A JSON value as an app setting would hold it: a string as is, a number or boolean as written.</summary>
    public static string? Text(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(),
        };

    /// <summary>The resource type of a <c>scope</c> expression such as <c>resourceId('Microsoft.KeyVault/vaults', ...)</c>.</summary>
    public static string? ScopeType(ArmResource resource)
    {
        var (scope, _) = Follow(resource.Scope, resource.Json["scope"]);
        if (!ArmExpression.TryInner(scope, out var inner))
        {
            return null;
        }

        var call = ArmExpression.Calls(inner, "resourceId").FirstOrDefault();
        return call is null ? null : ArmExpression.Literal(call.Arguments[0]);
    }

    private const string DeploymentType = "Microsoft.Resources/deployments";

    private static string? StringOf(JsonNode? node)
    {
        if (ArmExpression.TryInner(node, out var inner))
        {
            return ArmExpression.Literal(inner);
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    private static IEnumerable<ArmResource> Walk(TemplateScope scope)
    {
        foreach (var (symbol, json) in scope.OwnResources())
        {
            var resource = new ArmResource(symbol, json, scope);
            yield return resource;
            if (resource.Type == DeploymentType && resource.Properties?["template"] is JsonObject)
            {
                foreach (var nested in Walk(ScopeOf(resource)))
                {
                    yield return nested;
                }
            }
        }
    }

    private static TemplateScope ScopeOf(ArmResource deployment) =>
        new((JsonObject)deployment.Properties!["template"]!, deployment.Scope, deployment.Json, $"{deployment.Scope.Name} > {deployment.Symbol}");

    [GeneratedRegex(@"^(?<kind>variables|parameters)\('(?<name>[^']+)'\)$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?:string\()?parameters\('(?<name>[^']+)'\)\)?$")]
    private static partial Regex ParameterValue();
}
