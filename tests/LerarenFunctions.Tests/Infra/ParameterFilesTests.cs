using System.Text.Json.Nodes;
using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// The parameter files (<c>main.parameters.json</c> for azd, <c>main.parameters.example.json</c> for deploy.sh)
/// set only parameters main.bicep declares, every required one, and values the template accepts.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public class ParameterFilesTests(CompiledTemplateFixture compiled)
{
    [Theory]
    [InlineData("main.parameters.json")]
    [InlineData("main.parameters.example.json")]
    public void ParameterFile_FitsMainBicep_Always(string file)
    {
        var problems = Problems(file, Read(file), compiled.Template);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("registerBaseUrl", null, "misses the required parameter 'registerBaseUrl'")]
    [InlineData("registerBaseUri", "\"https://register.example.nl/api/\"", "sets 'registerBaseUri', which main.bicep does not declare")]
    [InlineData("forwardingBatchSize", "500", "'forwardingBatchSize' is 500, above its maximum 100")]
    [InlineData("networkAccess", "\"open\"", "'networkAccess' is \"open\", not one of")]
    [InlineData("emailPort", "\"587\"", "'emailPort' must be of type int")]
    public void ParameterFile_ReportsTheMistake_WhenOneIsSeeded(string parameter, string? json, string reported)
    {
        var file = Read("main.parameters.example.json");
        var parameters = file["parameters"]!.AsObject();
        parameters.Remove(parameter);
        if (json is not null)
        {
            parameters[parameter] = new JsonObject { ["value"] = JsonNode.Parse(json) };
        }

        Assert.Contains(Problems("main.parameters.example.json", file, compiled.Template), p => p.Contains(reported, StringComparison.Ordinal));
    }

    private static JsonObject Read(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "infra", file)))!.AsObject();

    private static List<string> Problems(string file, JsonObject parameterFile, ArmTemplate template)
    {
        var problems = new List<string>();
        var declared = template.Root["parameters"] as JsonObject ?? [];
        var given = parameterFile["parameters"] as JsonObject ?? [];
        foreach (var (name, entry) in given)
        {
            if (declared[name] is not JsonObject declaration)
            {
                problems.Add($"{file} sets '{name}', which main.bicep does not declare: remove it, or declare the parameter.");
            }
            else if (entry?["value"] is { } value && !IsAzdVariable(value))
            {
                problems.AddRange(Fit(value, declaration).Select(p => $"{file}: '{name}' {p}"));
            }
        }

        problems.AddRange(declared.Where(p => p.Value?["defaultValue"] is null && !given.ContainsKey(p.Key))
            .Select(p => $"{file} misses the required parameter '{p.Key}' (main.bicep gives it no default): add it."));
        return problems;
    }

    /// <summary>azd fills <c>${NAME}</c> from its environment, as the parameter's type, when it provisions.</summary>
    private static bool IsAzdVariable(JsonNode value) =>
        value is JsonValue text && text.TryGetValue<string>(out var s) && s.Contains("${", StringComparison.Ordinal);

    private static IEnumerable<string> Fit(JsonNode value, JsonObject declaration)
    {
        var type = ((string?)declaration["type"] ?? string.Empty).ToLowerInvariant();
        var kind = value.GetValueKind();
        var fits = type switch
        {
            "string" or "securestring" => kind == System.Text.Json.JsonValueKind.String,
            "int" => kind == System.Text.Json.JsonValueKind.Number,
            "bool" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "array" => kind == System.Text.Json.JsonValueKind.Array,
            _ => kind == System.Text.Json.JsonValueKind.Object,
        };
        if (!fits)
        {
            yield return $"must be of type {type}: it is {value.ToJsonString()}.";
            yield break;
        }

        if (declaration["allowedValues"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            yield return $"is {value.ToJsonString()}, not one of {allowed.ToJsonString()}.";
        }

        if (type == "int")
        {
            var number = value.GetValue<long>();
            if (declaration["minValue"] is { } min && number < min.GetValue<long>())
            {
                yield return $"is {number}, below its minimum {min}.";
            }

            if (declaration["maxValue"] is { } max && number > max.GetValue<long>())
            {
                yield return $"is {number}, above its maximum {max}.";
            }
        }

        var length = value is JsonArray array ? array.Count : type.EndsWith("string", StringComparison.Ordinal) ? value.GetValue<string>().Length : (int?)null;
        if (length is { } n && declaration["minLength"] is { } minLength && n < minLength.GetValue<int>())
        {
            yield return $"is shorter than its minimum length {minLength}.";
        }

        if (length is { } m && declaration["maxLength"] is { } maxLength && m > maxLength.GetValue<int>())
        {
            yield return $"is longer than its maximum length {maxLength}.";
        }
    }
}
