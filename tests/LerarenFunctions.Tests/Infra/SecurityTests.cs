using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// What an operator signs off on, read from the compiled template: no shared keys, no anonymous or plain-HTTP
/// storage, no key read by the template, no secret parameter, no basic auth, and a Key Vault that keeps its secrets.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public partial class SecurityTests(CompiledTemplateFixture compiled)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string Site = "Microsoft.Web/sites";
    private const string PublishingPolicy = "Microsoft.Web/sites/basicPublishingCredentialsPolicies";
    private const string Vault = "Microsoft.KeyVault/vaults";

    public static TheoryData<string> Mistakes => [.. SeededMistakes.Keys];

    /// <summary>A mistake each, seeded into a copy of the compiled template, and what the report must name.</summary>
    private static Dictionary<string, (Func<ArmTemplate, ArmTemplate> Seed, string Reported)> SeededMistakes { get; } = new()
    {
        ["shared keys on"] = (t => t.SetProperty(StorageAccount, "properties.allowSharedKeyAccess", true), "allowSharedKeyAccess"),
        ["anonymous blob access"] = (t => t.SetProperty(StorageAccount, "properties.allowBlobPublicAccess", true), "allowBlobPublicAccess"),
        ["TLS 1.0"] = (t => t.SetProperty(StorageAccount, "properties.minimumTlsVersion", "TLS1_0"), "minimumTlsVersion"),
        ["plain HTTP to storage"] = (t => t.SetProperty(StorageAccount, "properties.supportsHttpsTrafficOnly", false), "supportsHttpsTrafficOnly"),
        ["shared keys from a parameter"] = (t => t.SetProperty(StorageAccount, "properties.allowSharedKeyAccess", "[parameters('seeded')]"), "is an expression"),
        ["listKeys"] = (t => WithVariable(t, "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'proef'), '2023-05-01').keys[0].value]"), "listKeys("),
        ["an account key"] = (t => WithVariable(t, "DefaultEndpointsProtocol=https;AccountName=proef;AccountKey=bm9nZWVu"), "AccountKey="),
        ["secure parameter"] = (t => WithParameter(t, "securestring"), "type securestring"),
        ["secure object parameter"] = (t => WithParameter(t, "secureObject"), "type secureObject"),
        ["FTP basic auth"] = (t => AllowBasicAuth(t, "ftp"), "'ftp'"),
        ["SCM basic auth"] = (t => AllowBasicAuth(t, "scm"), "'scm'"),
        ["HTTP to the app"] = (t => t.SetProperty(Site, "properties.httpsOnly", false), "httpsOnly"),
        ["FTPS"] = (t => t.SetProperty(Site, "properties.siteConfig.ftpsState", "FtpsOnly"), "ftpsState"),
        ["vault access policies"] = (t => t.SetProperty(Vault, "properties.enableRbacAuthorization", false), "enableRbacAuthorization"),
        ["vault soft delete off"] = (t => t.SetProperty(Vault, "properties.enableSoftDelete", false), "enableSoftDelete"),
        ["vault purge protection off"] = (t => t.SetProperty(Vault, "properties.enablePurgeProtection", false), "enablePurgeProtection"),
    };

    [Fact]
    public void Template_HasNoKeysSecretsOrBasicAuth_WhenCompiledFromMainBicep()
    {
        var problems = Problems(compiled.Template);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Template_ReportsTheMistake_WhenOneIsSeeded(string mistake)
    {
        var (seed, reported) = SeededMistakes[mistake];

        var problems = Problems(seed(compiled.Template));

        Assert.Contains(problems, p => p.Contains(reported, StringComparison.Ordinal));
    }

    internal static List<string> Problems(ArmTemplate template)
    {
        var problems = new List<string>();
        foreach (var account in template.Declared(StorageAccount))
        {
            Expect(problems, account, "allowSharedKeyAccess", false, "no account key may work: every client signs in with Entra ID");
            Expect(problems, account, "allowBlobPublicAccess", false, "uploads hold BSNs: no anonymous reads");
            Expect(problems, account, "minimumTlsVersion", "TLS1_2", "older TLS is refused");
            Expect(problems, account, "supportsHttpsTrafficOnly", true, "no plain HTTP");
        }

        foreach (var site in template.Declared(Site))
        {
            Expect(problems, site, "httpsOnly", true, "boards send BSNs to the API");
            Expect(problems, site, "siteConfig.ftpsState", "Disabled", "nobody deploys over FTP(S)");
            var policies = template.Declared(PublishingPolicy).Where(p => p.Scope.Name == site.Scope.Name).ToList();
            foreach (var kind in new[] { "ftp", "scm" }.Where(k => !policies.Any(p => ArmTemplate.NamesOf(p)?.Contains(k) == true)))
            {
                problems.Add($"{site} has no basicPublishingCredentialsPolicies '{kind}': declare it with allow false, or basic auth stays on.");
            }
        }

        foreach (var policy in template.Declared(PublishingPolicy))
        {
            var kind = string.Join("/", ArmTemplate.NamesOf(policy) ?? ["?"]);
            Expect(problems, policy, "allow", false, $"basic auth ('{kind}') is off: packages go to blob storage and SCM takes Entra ID");
        }

        foreach (var vault in template.Declared(Vault))
        {
            Expect(problems, vault, "enableRbacAuthorization", true, "access by Azure RBAC only, no access policies");
            Expect(problems, vault, "enableSoftDelete", true, "a deleted secret can be recovered");
            Expect(problems, vault, "enablePurgeProtection", true, "nobody can shorten the recovery");
        }

        problems.AddRange(ListFunctions(template));
        problems.AddRange(SecureParameters(template));
        return problems;
    }

    /// <summary>A property must hold the literal <paramref name="expected"/>: an expression could turn it off per deployment.</summary>
    private static void Expect(List<string> problems, ArmResource resource, string path, JsonNode expected, string why)
    {
        var actual = path.Split('.').Aggregate(resource.Properties, (node, segment) => node?[segment]);
        if (ArmExpression.TryInner(actual, out _))
        {
            problems.Add($"{resource}: {path} is an expression ({actual!.ToJsonString()}); write the literal {expected.ToJsonString()} ({why}).");
        }
        else if (!JsonNode.DeepEquals(actual, expected))
        {
            problems.Add($"{resource}: {path} is {actual?.ToJsonString() ?? "not set"}; set it to {expected.ToJsonString()} ({why}).");
        }
    }

    /// <summary>The template must never read a key or secret: no <c>list*()</c> call, no account key anywhere.</summary>
    private static IEnumerable<string> ListFunctions(ArmTemplate template)
    {
        var json = template.Root.ToJsonString();
        var calls = Strings(template.Root).Where(ArmExpression.IsExpression)
            .SelectMany(e => ListCall().Matches(e).Select(m => m.Value))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        foreach (var call in calls)
        {
            yield return $"The template calls {call}): it reads keys or secrets at deployment and puts them where they can leak; reach the resource by identity instead.";
        }

        if (calls.Count == 0 && json.Contains("listkeys", StringComparison.OrdinalIgnoreCase))
        {
            yield return "The template mentions listKeys: remove it; no key is read by the template.";
        }

        if (json.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase))
        {
            yield return "The template holds a storage connection string with AccountKey=: remove it; storage is reached by identity.";
        }
    }

    private static IEnumerable<string> SecureParameters(ArmTemplate template) =>
        template.Scopes()
            .SelectMany(s => (s.Template["parameters"] as JsonObject ?? []).Select(p => (Scope: s, p.Key, Type: (string?)p.Value?["type"])))
            .Where(p => p.Type is { } type && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(p => $"The parameter '{p.Key}' ({p.Scope.Name}) has type {p.Type}: no secret passes through the template; store it in Key Vault and refer to it from the app setting.");

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node switch
        {
            JsonObject o => o.SelectMany(p => Strings(p.Value)),
            JsonArray a => a.SelectMany(Strings),
            JsonValue v when v.TryGetValue<string>(out var text) => [text],
            _ => [],
        };

    private static ArmTemplate WithVariable(ArmTemplate template, string value)
    {
        var copy = template.Clone();
        copy.Root["variables"]!["seeded"] = value;
        return copy;
    }

    private static ArmTemplate WithParameter(ArmTemplate template, string type)
    {
        var copy = template.Clone();
        copy.Root["parameters"]!["seeded"] = new JsonObject { ["type"] = type };
        return copy;
    }

    private static ArmTemplate AllowBasicAuth(ArmTemplate template, string kind)
    {
        var copy = template.Clone();
        var policy = Assert.Single(copy.Declared(PublishingPolicy), p => ArmTemplate.NamesOf(p)?.Contains(kind) == true);
        policy.Json["properties"]!["allow"] = true;
        return copy;
    }

    [GeneratedRegex(@"(?<![\w.])list\w*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListCall();
}
