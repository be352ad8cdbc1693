using System.Diagnostics;

namespace LerarenFunctions.LocalHost.Development;

/// <summary>
/// How a test or a measurement starts a built LocalHost as a process of its own: Development environment, its own
/// port, Azurite not started by it, plain console logs. The caller adds storage and register settings.
/// </summary>
public static class LocalHostLaunch
{
    /// <param name="assemblyPath">The built <c>LerarenFunctions.LocalHost.dll</c>.</param>
    /// <param name="baseUrl">Where it listens.</param>
    /// <param name="settings">Settings as environment variables (<c>Section__Key</c>), applied last.</param>
    public static ProcessStartInfo StartInfo(string assemblyPath, Uri baseUrl, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assemblyPath);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = baseUrl.ToString().TrimEnd('/');
        start.Environment["LocalAzurite__Start"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
