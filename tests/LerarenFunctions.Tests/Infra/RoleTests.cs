using System.Text.RegularExpressions;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// The app's user-assigned identity gets exactly the built-in roles its bindings and clients need, each on the
/// resource it is used on: a missing one names what breaks, an extra one is privilege nobody uses.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public partial class RoleTests(CompiledTemplateFixture compiled)
{
    private const string Storage = "Microsoft.Storage/storageAccounts";

    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>What needs which role (built-in role definition ids are the same in every tenant), and on what.</summary>
    internal static IReadOnlyList<RoleNeed> Needs { get; } =
    [
        new("the blob trigger on aanleveringen (blob receipts and leases in the host's own containers)", "Storage Blob Data Owner", BlobDataOwner, Storage),
        new("the blob trigger's internal queue of new blobs", "Storage Queue Data Contributor", QueueDataContributor, Storage),
        new("the queue triggers on doorsturen, email and doorsturen-poison, and the app's own sends", "Storage Queue Data Contributor", QueueDataContributor, Storage),
        new("the table stores (StorageNames.Tables)", "Storage Table Data Contributor", TableDataContributor, Storage),
        new("the blob stores (uploads, terugmeldingen) and the user delegation keys of upload links", "Storage Blob Data Owner", BlobDataOwner, Storage),
        new("WEBSITE_RUN_FROM_PACKAGE, fetched with WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", "Storage Blob Data Owner", BlobDataOwner, Storage),
        new("the Key Vault references of Beheer__Sleutel and Email__Password", "Key Vault Secrets User", KeyVaultSecretsUser, "Microsoft.KeyVault/vaults"),
        new("telemetry signed with Entra ID (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)", "Monitoring Metrics Publisher", MonitoringMetricsPublisher, "Microsoft.Insights/components"),
    ];

    [Fact]
    public void IdentityRoles_AreExactlyWhatTheBindingsNeed_WhenCompiledFromMainBicep()
    {
        var problems = Problems(compiled.Template);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(KeyVaultSecretsUser, "the Key Vault references of Beheer__Sleutel and Email__Password")]
    [InlineData(MonitoringMetricsPublisher, "telemetry signed with Entra ID")]
    [InlineData(QueueDataContributor, "the blob trigger's internal queue")]
    public void IdentityRoles_NameWhatBreaks_WhenARoleIsMissing(string roleId, string breaks)
    {
        var unknown = "00000000-0000-0000-0000-000000000001";

        var problems = Problems(compiled.Template.ReplaceText(roleId, unknown));

        Assert.Contains(problems, p => p.StartsWith(breaks, StringComparison.Ordinal) && p.Contains(roleId, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"gets the role {unknown}", StringComparison.Ordinal));
    }

    [Fact]
    public void IdentityRoles_ReportTheRole_WhenItIsBroaderThanNeeded()
    {
        // Storage Blob Data Contributor instead of Owner: the blob trigger cannot manage its receipts.
        var problems = Problems(compiled.Template.ReplaceText(BlobDataOwner, "ba92f5b4-2d11-453d-a403-e96b0029c9fe"));

        Assert.Contains(problems, p => p.StartsWith("the blob trigger on aanleveringen", StringComparison.Ordinal));
    }

    internal static List<string> Problems(ArmTemplate template)
    {
        var problems = new List<string>();
        var identities = template.Declared("Microsoft.ManagedIdentity/userAssignedIdentities").ToList();
        if (identities.Count != 1)
        {
            return [$"The template declares {identities.Count} user-assigned identities; the app runs as exactly one."];
        }

        var granted = new List<(string RoleId, string? ScopeType, bool Conditional)>();
        foreach (var assignment in template.Declared("Microsoft.Authorization/roleAssignments").Where(a => IsFor(identities[0], a)))
        {
            if (RoleIds(assignment) is not { } roleIds)
            {
                problems.Add($"The role of {assignment} is not a literal built-in role id: write it as one, so it can be checked.");
                continue;
            }

            granted.AddRange(roleIds.Select(id => (id.ToLowerInvariant(), ArmTemplate.ScopeType(assignment), assignment.IsConditional)));
        }

        foreach (var need in Needs.Where(n => !granted.Any(g => g.RoleId == n.RoleId && g.ScopeType == n.ScopeType && !g.Conditional)))
        {
            problems.Add($"{need.Who} needs the app's identity to have {need.Role} ({need.RoleId}) on its {need.ScopeType}, unconditionally; without it that fails with 403. Add the role assignment.");
        }

        foreach (var extra in granted.Where(g => !Needs.Any(n => n.RoleId == g.RoleId && n.ScopeType == g.ScopeType)).Distinct())
        {
            problems.Add($"The app's identity gets the role {extra.RoleId} on {extra.ScopeType ?? "the resource group"}, which no binding or client needs: remove it, or add the need to RoleTests.Needs.");
        }

        return problems;
    }

    /// <summary>Whether the assignment's principal is the identity: <c>reference('identity').principalId</c>, also through module parameters.</summary>
    private static bool IsFor(ArmResource identity, ArmResource assignment)
    {
        var (principal, _) = ArmTemplate.Follow(assignment.Scope, assignment.Properties?["principalId"]);
        return ArmExpression.TryInner(principal, out var inner)
            && inner.EndsWith(".principalId", StringComparison.OrdinalIgnoreCase)
            && (inner.Contains($"reference('{identity.Symbol}')", StringComparison.Ordinal)
                || inner.Contains("'Microsoft.ManagedIdentity/userAssignedIdentities'", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The role definition ids of an assignment (several for a loop over a list of ids).</summary>
    private static IReadOnlyList<string>? RoleIds(ArmResource assignment)
    {
        var (definition, scope) = ArmTemplate.Follow(assignment.Scope, assignment.Properties?["roleDefinitionId"]);
        if (!ArmExpression.TryInner(definition, out var inner))
        {
            return ArmTemplate.Text(definition) is { } literal && RoleId().Match(literal) is { Success: true } id ? [id.Value] : null;
        }

        var call = new[] { "subscriptionResourceId", "resourceId", "tenantResourceId" }
            .SelectMany(f => ArmExpression.Calls(inner, f))
            .FirstOrDefault(c => ArmExpression.Literal(c.Arguments[0]) == "Microsoft.Authorization/roleDefinitions");
        return call is null ? null : ArmTemplate.Strings(scope, call.Arguments[^1]);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex RoleId();
}

/// <summary>A binding or client of the app (<paramref name="Who"/>) and the built-in role it needs on a resource type.</summary>
internal sealed record RoleNeed(string Who, string Role, string RoleId, string ScopeType);
