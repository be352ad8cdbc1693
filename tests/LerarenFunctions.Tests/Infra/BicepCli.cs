using System.Reflection;

namespace LerarenFunctions.Tests.Infra;

/// <summary>
/// The Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64 (pinned in Directory.Packages.props): the
/// test project passes its path as assembly metadata <c>BicepPath</c>, so CI needs no Azure CLI and no download.
/// </summary>
internal static class BicepCli
{
    public static string Path
    {
        get
        {
            var configured = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
            if (string.IsNullOrEmpty(configured))
            {
                throw new InvalidOperationException("The test assembly has no BicepPath metadata: reference the package Azure.Bicep.CommandLine.linux-x64 in the test project.");
            }

            // The package builds the path with a backslash; on Linux that is no separator.
            var path = System.IO.Path.GetFullPath(OperatingSystem.IsWindows() ? configured : configured.Replace('\\', '/'));
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The Bicep CLI is not at {path}: restore the test project (package Azure.Bicep.CommandLine.linux-x64).");
            }

            if (!OperatingSystem.IsWindows())
            {
                // NuGet does not always keep the executable bit of a package's files.
                var mode = File.GetUnixFileMode(path);
                if (!mode.HasFlag(UnixFileMode.UserExecute))
                {
                    File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                }
            }

            return path;
        }
    }

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        Processes.RunAsync(Path, workingDirectory, arguments);
}
