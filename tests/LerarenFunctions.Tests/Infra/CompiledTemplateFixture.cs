using System.Text.Json.Nodes;
using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// <c>infra/main.bicep</c> compiled once (a few seconds) for every class of the template checks; each test reads it,
/// or seeds a mistake into a <see cref="ArmTemplate.Clone"/>.
/// </summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    private ArmTemplate? _template;

    internal ArmTemplate Template => _template ?? throw new InvalidOperationException("The template was not compiled.");

    public async Task InitializeAsync()
    {
        var build = await BicepCli.RunAsync(RepositoryRoot.Find(), "build", Path.Combine("infra", "main.bicep"), "--stdout");
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build infra/main.bicep failed with exit code {build.ExitCode}; fix the template:\n{build.StandardError}");
        }

        _template = new ArmTemplate(JsonNode.Parse(build.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException("bicep build infra/main.bicep wrote no ARM template."));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The test classes that share one compiled template.</summary>
[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplateFixture>
{
    public const string Name = "compiled infra/main.bicep";
}
