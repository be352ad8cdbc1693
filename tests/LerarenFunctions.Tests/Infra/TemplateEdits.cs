using System.Text.Json.Nodes;

namespace LerarenFunctions.Tests.Infra;

/// <summary>Seeds mistakes into a copy of the compiled template, wherever the template keeps the thing changed.</summary>
internal static class TemplateEdits
{
    /// <summary>
    /// Replaces <paramref name="text"/> in the template's JSON text, wherever it is (a name in a variable, a role id in
    /// an expression); quote it (<c>"name"</c>) to replace only a whole string.
    /// </summary>
    public static ArmTemplate ReplaceText(this ArmTemplate template, string text, string replacement)
    {
        var json = template.Root.ToJsonString();
        Assert.Contains(text, json, StringComparison.Ordinal);
        return new ArmTemplate(JsonNode.Parse(json.Replace(text, replacement, StringComparison.Ordinal))!.AsObject());
    }

    /// <summary>Removes the app setting <paramref name="name"/> from the literal list that holds it.</summary>
    public static ArmTemplate RemoveSetting(this ArmTemplate template, string name)
    {
        var copy = template.Clone();
        var list = ListWith(copy.Root, name);
        list.Remove(list.Single(s => (string?)s?["name"] == name));
        return copy;
    }

    /// <summary>Adds an app setting to the literal list that holds <paramref name="neighbour"/>.</summary>
    public static ArmTemplate AddSetting(this ArmTemplate template, string neighbour, string name, string value)
    {
        var copy = template.Clone();
        ListWith(copy.Root, neighbour).Add(new JsonObject { ["name"] = name, ["value"] = value });
        return copy;
    }

    /// <summary>Sets the value of the app setting <paramref name="name"/> in the literal list that holds it.</summary>
    public static ArmTemplate SetSetting(this ArmTemplate template, string name, string value)
    {
        var copy = template.Clone();
        ListWith(copy.Root, name).Single(s => (string?)s?["name"] == name)!["value"] = value;
        return copy;
    }

    /// <summary>Changes one property of every resource of <paramref name="type"/> the template declares.</summary>
    public static ArmTemplate SetProperty(this ArmTemplate template, string type, string path, JsonNode? value)
    {
        var copy = template.Clone();
        var resources = copy.Declared(type).ToList();
        Assert.NotEmpty(resources);
        foreach (var resource in resources)
        {
            var segments = path.Split('.');
            var target = resource.Json;
            foreach (var segment in segments[..^1])
            {
                target = target[segment] as JsonObject ?? throw new InvalidOperationException($"{resource} has no '{segment}'.");
            }

            target[segments[^1]] = value?.DeepClone();
        }

        return copy;
    }

    /// <summary>Changes the default of a parameter of main.bicep.</summary>
    public static ArmTemplate SetDefault(this ArmTemplate template, string parameter, JsonNode value)
    {
        var copy = template.Clone();
        var declaration = copy.RootScope.ParameterDeclaration(parameter) ?? throw new InvalidOperationException($"main.bicep has no parameter '{parameter}'.");
        declaration["defaultValue"] = value;
        return copy;
    }

    private static JsonArray ListWith(JsonNode root, string name) =>
        Nodes(root).OfType<JsonArray>().FirstOrDefault(a => a.Any(s => s is JsonObject o && (string?)o["name"] == name))
        ?? throw new InvalidOperationException($"No literal list in the template holds the app setting '{name}'.");

    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Nodes))
        {
            yield return child;
        }
    }
}
