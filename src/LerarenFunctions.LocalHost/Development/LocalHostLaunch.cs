using System.Diagnostics;

namespace LerarenFunctions.LocalHost.Development;

/// <summary>
/// How a test or a measurement starts a built LocalHost as a process of its own: Development environment, its own
/// port, Azurite and smtp4dev not started by it, e-mail to a loopback port where nothing listens (sends fail and wait
/// in the outbox) unless the caller names a mail server, plain console logs. The caller adds storage and register
/// settings.
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
        start.Environment["LocalSmtp4dev__Start"] = "false";
        start.Environment["Email__Host"] = "127.0.0.1";
        start.Environment["Email__Port"] = "9";
        start.Environment["Email__Security"] = "None";
        start.Environment["Email__FromAddress"] = "lerarenregister@voorbeeld.example";
        // Tests and measurements share one storage and call the reminders themselves: a child that happened to run at
        // the daily hour would remind their boards. New Year's Day at 07:00 is never within a run.
        start.Environment["Herinneringen__Schema"] = "0 0 7 1 1 *";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
