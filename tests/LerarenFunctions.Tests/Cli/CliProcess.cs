using LerarenFunctions.LocalHost.Development;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace LerarenFunctions.Tests.Cli;

/// <summary>What one run of the CLI left behind.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs the built CLI as its own process, as a board's script would. The test project builds the CLI first (a project
/// reference without its assembly), so <c>dotnet test</c> has it in place.
/// </summary>
public static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The CLI of the same configuration (Debug/Release) as the tests.</summary>
    public static string AssemblyPath
    {
        get
        {
            var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepositoryRoot.Find(), "src", "LerarenFunctions.Cli", "bin", configuration, "net10.0", "LerarenFunctions.Cli.dll");
        }
    }

    public static Task<CliResult> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>Runs the CLI with <paramref name="environment"/> added to its environment (settings such as <c>AzureWebJobsStorage</c>).</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var assembly = AssemblyPath;
        Assert.True(File.Exists(assembly),
            $"The CLI is not built at {assembly}. Build the solution (dotnet build LerarenFunctions.sln) or the CLI (dotnet build src/LerarenFunctions.Cli).");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The limits come from the environment; a developer's own setting must not change what the tests see.
        start.Environment.Remove("TeacherFile__MaxRows");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The CLI did not finish within {Timeout.TotalSeconds} s: {string.Join(' ', arguments)}{Environment.NewLine}{await error}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
