using System.Diagnostics;
using System.Net;
using System.Text;

namespace LerarenFunctions.LocalHost.Development;

/// <summary>The ports of an smtp4dev instance, all on 127.0.0.1.</summary>
public readonly record struct Smtp4devPorts(int Smtp, int Imap, int Web)
{
    /// <summary>Three ports that are free right now, for an instance of a test's own.</summary>
    public static Smtp4devPorts Free() => new(AzuritePorts.FreePort(), AzuritePorts.FreePort(), AzuritePorts.FreePort());

    /// <summary>The web interface, and its API below <c>api/</c>.</summary>
    public Uri WebUrl => new($"http://127.0.0.1:{Web}/");
}

/// <summary>
/// smtp4dev, a fake SMTP server with a web interface that shows what was sent, run as the repository's local dotnet
/// tool (<c>dotnet-tools.json</c>; restored with <c>dotnet tool restore</c> when missing). It keeps messages in memory
/// and its settings in a temporary folder of its own. Disposing it stops it.
/// </summary>
public sealed class Smtp4devProcess : IAsyncDisposable
{
    private const int MaxOutput = 64 * 1024;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _dataFolder;

    private Smtp4devProcess(Process process, Smtp4devPorts ports, StringBuilder output, string dataFolder)
    {
        _process = process;
        _output = output;
        _dataFolder = dataFolder;
        Ports = ports;
        Exited = process.WaitForExitAsync().ContinueWith(_ => process.ExitCode, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Smtp4devPorts Ports { get; }

    /// <summary>Completes with the exit code when the process ends: when disposed, or when it dies.</summary>
    public Task<int> Exited { get; }

    /// <summary>What smtp4dev printed, for a failure message.</summary>
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

    /// <summary>
    /// Starts smtp4dev on free ports. A port that was free when chosen can be taken by another process before smtp4dev
    /// binds it (tests start several servers at once), so a start that finds a port in use is tried again on new ports.
    /// </summary>
    public static async Task<Smtp4devProcess> StartOnFreePortsAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(Smtp4devPorts.Free(), cancellationToken);
            }
            catch (InvalidOperationException ex) when (attempt < 5 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Taken in between; choose again.
            }
        }
    }

    /// <summary>Starts smtp4dev and waits until its SMTP server listens and its API answers.</summary>
    public static async Task<Smtp4devProcess> StartAsync(Smtp4devPorts ports, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var smtp4dev = await LaunchAsync(root, ports, cancellationToken);
        if (smtp4dev is null)
        {
            // The tool of dotnet-tools.json is not in this machine's package cache yet (a new clone, a new machine).
            await DotnetTools.RestoreAsync(root, cancellationToken);
            smtp4dev = await LaunchAsync(root, ports, cancellationToken)
                ?? throw new InvalidOperationException("smtp4dev is still missing after 'dotnet tool restore'.");
        }

        return smtp4dev;
    }

    /// <summary>Starts it and waits for it; null when the tool is not restored.</summary>
    private static async Task<Smtp4devProcess?> LaunchAsync(string root, Smtp4devPorts ports, CancellationToken cancellationToken)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), $"smtp4dev-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataFolder);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            "smtp4dev",
            $"--smtpport={ports.Smtp}",
            $"--imapport={ports.Imap}",
            // No POP3; messages in memory (an empty --db); only this machine; no settings of the user's own.
            "--pop3port=",
            $"--urls=http://127.0.0.1:{ports.Web}",
            "--db=",
            "--bindaddress=127.0.0.1",
            "--nousersettings",
            $"--baseappdatapath={dataFolder}",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev could not be started (is dotnet on the PATH?).");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var smtp4dev = new Smtp4devProcess(process, ports, output, dataFolder);
        try
        {
            await smtp4dev.WaitUntilReadyAsync(cancellationToken);
            return smtp4dev;
        }
        catch (Exception) when (smtp4dev.Output.Contains("dotnet tool restore", StringComparison.Ordinal))
        {
            // "Run "dotnet tool restore" to make the "smtp4dev" command available."
            await smtp4dev.DisposeAsync();
            return null;
        }
        catch
        {
            await smtp4dev.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        using var http = new HttpClient { BaseAddress = Ports.WebUrl, Timeout = TimeSpan.FromSeconds(5) };

        // Its web interface also comes up when the SMTP port is taken, so its own line tells that SMTP listens.
        var smtpListening = $"SMTP Server is listening on port {Ports.Smtp} ";
        while (true)
        {
            if (_process.HasExited)
            {
                // Its last lines may still be on their way; they tell why (a tool to restore, a port in use).
                await WaitForExitAsync(TimeSpan.FromSeconds(5));
            }

            var output = Output;
            if (_process.HasExited || output.Contains("SMTP server failed to start", StringComparison.Ordinal) || timeout.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var why = _process.HasExited ? $"it exited with {_process.ExitCode}" : timeout.IsCancellationRequested ? $"it was not ready within {StartTimeout}" : "its SMTP server failed";
                throw new InvalidOperationException($"smtp4dev did not start on {Ports} ({why}):{Environment.NewLine}{output}");
            }

            if (output.Contains(smtpListening, StringComparison.Ordinal) && await ApiAnswersAsync(http, timeout.Token))
            {
                return;
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task<bool> ApiAnswersAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("api/messages", UriKind.Relative), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet, or the time is up: the loop tells which.
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // `dotnet smtp4dev` runs the tool as a child process: stop both.
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Only settings and keys, in the temporary folder: not worth failing a stop for.
        }
    }

    /// <summary>Waits for the exit and the end of its output, at most <paramref name="limit"/>: a child that outlived it may hold the output open.</summary>
    private async Task WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await Exited.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            // What it printed so far has to do.
        }
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

            // It prints a few lines per e-mail for as long as the LocalHost runs; the latest lines tell why it stopped.
            if (output.Length > MaxOutput)
            {
                output.Remove(0, output.Length - (MaxOutput / 2));
            }
        }
    }
}

/// <summary>Restores the local dotnet tools of <c>dotnet-tools.json</c>, once at a time on this machine.</summary>
public static class DotnetTools
{
    public static async Task RestoreAsync(string root, CancellationToken cancellationToken)
    {
        // Two test processes restoring into the same package cache at once can trip over each other's files.
        await using var gate = await SetupCommands.AcquireAsync(Path.Combine(Path.GetTempPath(), "lerarenfunctions-dotnet-tool-restore.lock"), cancellationToken);
        await SetupCommands.RunAsync(new ProcessStartInfo("dotnet", "tool restore") { WorkingDirectory = root }, "dotnet tool restore", cancellationToken);
    }
}
