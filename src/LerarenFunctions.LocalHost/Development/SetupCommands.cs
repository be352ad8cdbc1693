using System.Diagnostics;

namespace LerarenFunctions.LocalHost.Development;

/// <summary>
/// How the LocalHost installs what it starts (Azurite by <c>npm ci</c>, smtp4dev by <c>dotnet tool restore</c>): one
/// process at a time per lock file, so two test processes never install into the same place at once.
/// </summary>
internal static class SetupCommands
{
    /// <summary>Runs <paramref name="start"/> to its end; throws with its output when it fails.</summary>
    public static async Task RunAsync(ProcessStartInfo start, string what, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed ({process.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
        }
    }

    /// <summary>Holds <paramref name="path"/> exclusively until disposed; waits while another process holds it.</summary>
    public static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
