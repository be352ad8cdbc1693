using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using LerarenFunctions.LocalHost.Development;

namespace LerarenFunctions.Tests.Support;

/// <summary>The LocalHost as its own process, as a developer or an operator runs it.</summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private LocalHostProcess(Process process, StringBuilder output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The built LocalHost of the same configuration (Debug/Release) as the tests.</summary>
    public static string AssemblyPath
    {
        get
        {
            var configuration = typeof(LocalHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            return Path.Combine(RepositoryRoot.Find(), "src", "LerarenFunctions.LocalHost", "bin", configuration, "net10.0", "LerarenFunctions.LocalHost.dll");
        }
    }

    /// <summary>Starts the LocalHost with <paramref name="settings"/> as environment variables (<c>Section__Key</c>).</summary>
    public static LocalHostProcess Start(IDictionary<string, string> settings)
    {
        var port = AzuritePorts.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        // The tests run the register simulator themselves, unless a test's settings say otherwise.
        var start = LocalHostLaunch.StartInfo(AssemblyPath, baseUrl, settings.Prepend(new("RegisterSimulator__Embedded", "false")));

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LocalHostProcess(process, output, baseUrl);
    }

    /// <summary>
    /// Starts the LocalHost and waits until it answers. A port that was free when chosen can be taken before Kestrel
    /// binds it, so a start that fails on that is tried again on a new port.
    /// </summary>
    public static async Task<LocalHostProcess> StartReadyAsync(IDictionary<string, string> settings, TimeSpan timeout)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Start(settings);
            try
            {
                await host.WaitUntilReadyAsync(timeout);
                return host;
            }
            catch (InvalidOperationException) when (attempt < 3 && host.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until the HTTP side answers; the triggers start before Kestrel does.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The LocalHost stopped with exit code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("api/beheer/aanleveringen/bestaat-niet");
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The LocalHost did not get ready in {timeout}:{Environment.NewLine}{Output}");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
