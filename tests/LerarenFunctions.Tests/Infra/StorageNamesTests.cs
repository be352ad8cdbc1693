using LerarenFunctions.Infrastructure.Storage;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// The containers, queues and tables the template declares are exactly those of <see cref="StorageNames"/>: the
/// triggers and the lifecycle rules rely on them from the first deployment on.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public class StorageNamesTests(CompiledTemplateFixture compiled)
{
    /// <summary>The one container the app never reads: the platform runs the code packages from it.</summary>
    private const string PackageContainer = "deployments";

    [Fact]
    public void StorageNames_EqualTheTemplates_WhenCompiledFromMainBicep()
    {
        var problems = Problems(compiled.Template);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void StorageNames_ReportTheTable_WhenTheTemplateNamesItOtherwise()
    {
        var template = compiled.Template.ReplaceText($"\"{StorageNames.IdempotencyTable}\"", "\"Idempotency\"");

        var problems = Problems(template);

        Assert.Contains(problems, p => p.Contains($"tables lack {StorageNames.IdempotencyTable}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("tables Idempotency that StorageNames does not have", StringComparison.Ordinal));
    }

    [Fact]
    public void StorageNames_ReportThePoisonQueue_WhenTheTemplateLacksIt()
    {
        var poison = StorageNames.EmailQueue + StorageNames.PoisonSuffix;
        var template = compiled.Template.ReplaceText($"\"{poison}\"", "\"email-dlq\"");

        Assert.Contains(Problems(template), p => p.Contains($"queues lack {poison}", StringComparison.Ordinal));
    }

    internal static List<string> Problems(ArmTemplate template) =>
    [
        .. Compare(template, "blob containers", "Microsoft.Storage/storageAccounts/blobServices/containers", [.. StorageNames.Containers, PackageContainer]),
        .. Compare(
            template,
            "queues",
            "Microsoft.Storage/storageAccounts/queueServices/queues",
            [.. StorageNames.Queues.SelectMany(q => new[] { q, q + StorageNames.PoisonSuffix })]),
        .. Compare(template, "tables", "Microsoft.Storage/storageAccounts/tableServices/tables", StorageNames.Tables),
    ];

    private static IEnumerable<string> Compare(ArmTemplate template, string what, string type, IReadOnlyList<string> expected)
    {
        var actual = new List<string>();
        foreach (var resource in template.Declared(type))
        {
            if (ArmTemplate.NamesOf(resource) is { } names)
            {
                actual.AddRange(names);
            }
            else
            {
                yield return $"The name of {resource} is not a literal ({resource.Json["name"]}): write it as a literal, or a loop over a variable of literal names, so it can be compared with StorageNames.";
            }
        }

        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            yield return $"The template's {what} lack {string.Join(", ", missing)} (StorageNames): declare them in infra/modules/storage.bicep.";
        }

        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            yield return $"The template declares {what} {string.Join(", ", extra)} that StorageNames does not have: rename them to match StorageNames, or remove them.";
        }
    }
}
