using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Tests.Infra;

/// <summary>The operators' scripts at least parse: a syntax error would first show in the middle of a deployment.</summary>
public class DeployScriptTests
{
    [Theory]
    [InlineData("infra/deploy.sh")]
    [InlineData("infra/publish-package.sh")]
    public async Task Script_ParsesWithoutErrors_WhenCheckedWithBashN(string script)
    {
        var root = RepositoryRoot.Find();
        Assert.True(File.Exists(Path.Combine(root, script)), $"{script} is missing.");

        var check = await Processes.RunAsync("bash", root, "-n", script);

        Assert.True(check.ExitCode == 0, $"bash -n {script} failed with exit code {check.ExitCode}:\n{check.StandardError}");
    }
}
