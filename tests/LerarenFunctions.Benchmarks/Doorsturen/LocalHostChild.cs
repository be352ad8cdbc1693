using System.Diagnostics;
using System.Net;
using System.Reflection;
using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Benchmarks.Doorsturen;

/// <summary>
/// The LocalHost as a process of its own, built in the harness's configuration, with the embedded register
/// simulator (no faults) and its output in a file. Disposing it kills it.
/// </summary>
public sealed class LocalHostChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _logClosed;

    private LocalHostChild(Process process, StreamWriter log, Uri baseUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Debug or Release: the LocalHost is the one built with the harness, so a Release run measures Release.</summary>
    public static string Configuration =>
        typeof(LocalHostChild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string AssemblyPath =>
        Path.Combine(RepositoryRoot.Find(), "src", "LerarenFunctions.LocalHost", "bin", Configuration, "net10.0", "LerarenFunctions.LocalHost.dll");

    /// <summary>Starts it on a free port against <paramref name="storage"/> and waits until its HTTP side answers.</summary>
    public static async Task<LocalHostChild> StartAsync(string storage, string logFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(AssemblyPath))
        {
            throw new InvalidOperationException($"The LocalHost is not built at {AssemblyPath}; build the benchmarks project first.");
        }

        var port = AzuritePorts.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = LocalHostLaunch.StartInfo(AssemblyPath, baseUrl, new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage,
            ["RegisterSimulator__Embedded"] = "true",
            ["Register__BaseUrl"] = new Uri(baseUrl, "register/").ToString(),
        });

        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var child = new LocalHostChild(process, log, baseUrl);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), logFile, cancellationToken);
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    /// <summary>Kills it at once; also from a process-exit handler, where nothing can be awaited.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, string logFile, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The LocalHost stopped with exit code {_process.ExitCode}; its output is in {logFile}.");
            }

            try
            {
                // The triggers start before Kestrel does: an answer means the whole host is up.
                using var response = await http.GetAsync("api/beheer/aanleveringen/bestaat-niet", cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The LocalHost did not answer within {timeout}; its output is in {logFile}.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
