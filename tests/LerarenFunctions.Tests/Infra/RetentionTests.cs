using System.Text.Json.Nodes;
using LerarenFunctions.Infrastructure.Storage;

namespace LerarenFunctions.Tests.Infra;

/// <summary>Uploads (BSNs) and terugmeldingen are deleted by a lifecycle rule after a parameter's days, as infra/README.md says.</summary>
[Collection(CompiledTemplateCollection.Name)]
public class RetentionTests(CompiledTemplateFixture compiled)
{
    [Theory]
    [InlineData(StorageNames.UploadsContainer, "30")]
    [InlineData(StorageNames.ReportsContainer, "400")]
    public void LifecycleRule_DeletesTheContainersBlobs_WhenTheParametersDaysHavePassed(string container, string defaultDays)
    {
        var policy = Assert.Single(compiled.Template.Declared("Microsoft.Storage/storageAccounts/managementPolicies"));
        var rules = policy.Properties?["policy"]?["rules"] as JsonArray ?? [];

        var rule = rules.SingleOrDefault(r => (r?["definition"]?["filters"]?["prefixMatch"] as JsonArray ?? []).Any(p => (string?)p == container + "/"));

        Assert.True(rule is not null, $"No lifecycle rule deletes the blobs of {container}: add one (prefixMatch '{container}/').");
        var days = rule["definition"]?["actions"]?["baseBlob"]?["delete"]?["daysAfterModificationGreaterThan"];
        var parameter = ArmTemplate.ParameterOf(policy.Scope, days);
        Assert.True(parameter is not null, $"The retention of {container} is not a parameter ({days?.ToJsonString()}): operators set it per environment.");
        Assert.True(
            defaultDays == parameter.DefaultText,
            $"The retention of {container} defaults to {parameter.DefaultText} days (parameter '{parameter.Name}'); infra/README.md documents {defaultDays}: change one of them.");
    }
}
