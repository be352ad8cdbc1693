using System.Diagnostics;

namespace LerarenFunctions.Tests.Infra;

/// <summary>The exit code and output of a process.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => string.Join('\n', new[] { StandardOutput, StandardError }.Where(s => !string.IsNullOrWhiteSpace(s))).Trim();
}

/// <summary>Runs a command to its end, within a time limit, and keeps what it wrote.</summary>
internal static class Processes
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<ProcessResult> RunAsync(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{System.IO.Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
        }

        return new ProcessResult(process.ExitCode, await standardOutput, await standardError);
    }
}
