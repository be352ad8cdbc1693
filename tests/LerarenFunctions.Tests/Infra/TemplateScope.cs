using System.Globalization;
using System.Text.Json.Nodes;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// One template in the compiled JSON: <c>main.bicep</c>, or a module's template inside its
/// <c>Microsoft.Resources/deployments</c> resource. Variables and parameters are resolved per scope; a module's
/// parameter gets its value from the deployment resource, evaluated in the parent scope.
/// </summary>
internal sealed class TemplateScope(JsonObject template, TemplateScope? parent, JsonObject? deployment, string name)
{
    public JsonObject Template { get; } = template;

    public TemplateScope? Parent { get; } = parent;

    /// <summary>The <c>Microsoft.Resources/deployments</c> resource of a module; null for the root template.</summary>
    public JsonObject? Deployment { get; } = deployment;

    /// <summary>Where this template is, for messages: <c>main.bicep</c> or <c>main.bicep &gt; storage</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Whether the module is deployed only under a condition (its own or a parent's).</summary>
    public bool IsConditional => (Deployment?["condition"] is not null) || (Parent?.IsConditional ?? false);

    public JsonNode? Variable(string name) => Template["variables"]?[name];

    public JsonObject? ParameterDeclaration(string name) => Template["parameters"]?[name] as JsonObject;

    /// <summary>The value a module's deployment passes for <paramref name="name"/> (to be read in <see cref="Parent"/>), if any.</summary>
    public JsonNode? PassedValue(string name) => Deployment?["properties"]?["parameters"]?[name]?["value"];

    /// <summary>The resources of this template: an array, or an object by symbolic name (language version 2.0).</summary>
    public IEnumerable<(string Symbol, JsonObject Resource)> OwnResources() =>
        Template["resources"] switch
        {
            JsonArray array => array.Select((r, i) => (Symbol: i.ToString(CultureInfo.InvariantCulture), Resource: r as JsonObject))
                .Where(r => r.Resource is not null)
                .Select(r => (r.Symbol, r.Resource!)),
            JsonObject symbolic => symbolic.Where(r => r.Value is JsonObject).Select(r => (r.Key, (JsonObject)r.Value!)),
            _ => [],
        };
}
