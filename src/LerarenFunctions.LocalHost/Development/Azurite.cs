using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LerarenFunctions.LocalHost.Development;

/// <summary>The three ports of an Azurite instance.</summary>
public readonly record struct AzuritePorts(int Blob, int Queue, int Table)
{
    public static AzuritePorts Default { get; } = new(10000, 10001, 10002);

    /// <summary>Three ports that are free right now, for an instance of a test's own.</summary>
    public static AzuritePorts Free() => new(FreePort(), FreePort(), FreePort());

    /// <summary>The connection string of Azurite's well-known development account on these ports.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{Blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{Queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{Table}/devstoreaccount1;";

    public bool AnyListening() => IsListening(Blob) || IsListening(Queue) || IsListening(Table);

    internal static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback port that is free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// An Azurite process started from the repository's <c>node_modules</c> (installed with <c>npm ci</c> when missing).
/// Disposing it stops it.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, AzuritePorts ports, StringBuilder output)
    {
        _process = process;
        _output = output;
        Ports = ports;
    }

    public AzuritePorts Ports { get; }

    public string ConnectionString => Ports.ConnectionString;

    /// <summary>
    /// Starts Azurite on free ports, in memory. A port that was free when chosen can be taken by another process
    /// before Azurite binds it (tests start several at once), so a failed start is tried again on new ports.
    /// </summary>
    public static Task<AzuriteProcess> StartOnFreePortsAsync(CancellationToken cancellationToken) =>
        StartOnFreePortsAsync(debugLog: null, cancellationToken);

    /// <inheritdoc cref="StartOnFreePortsAsync(CancellationToken)"/>
    /// <param name="debugLog">A file for Azurite's debug log (a block of lines per request), or null for none.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    public static async Task<AzuriteProcess> StartOnFreePortsAsync(string? debugLog, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartAsync(AzuritePorts.Free(), location: null, debugLog, cancellationToken);
            }
            catch (InvalidOperationException ex) when (attempt < 5 && ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // Taken in between; choose again.
            }
        }
    }

    /// <summary>Starts Azurite and waits until all three ports accept connections.</summary>
    /// <param name="ports">Where it listens.</param>
    /// <param name="location">A folder for its data, or null to keep everything in memory.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    public static Task<AzuriteProcess> StartAsync(AzuritePorts ports, string? location, CancellationToken cancellationToken) =>
        StartAsync(ports, location, debugLog: null, cancellationToken);

    /// <inheritdoc cref="StartAsync(AzuritePorts, string?, CancellationToken)"/>
    /// <param name="ports">Where it listens.</param>
    /// <param name="location">A folder for its data, or null to keep everything in memory.</param>
    /// <param name="debugLog">A file for Azurite's debug log (a block of lines per request), or null for none.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    public static async Task<AzuriteProcess> StartAsync(AzuritePorts ports, string? location, string? debugLog, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        await NodeTools.EnsureInstalledAsync(root, cancellationToken);

        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
        [
            script,
            // The Azure SDK sends newer API versions than Azurite 3.37 knows; the calls themselves work.
            "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports.Blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports.Queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports.Table}",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        if (debugLog is not null)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(debugLog);
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite could not be started (is Node.js on the PATH?).");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, ports, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!(AzuritePorts.IsListening(ports.Blob) && AzuritePorts.IsListening(ports.Queue) && AzuritePorts.IsListening(ports.Table)))
        {
            if (process.HasExited || timeout.IsCancellationRequested)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start on ports {ports}:{Environment.NewLine}{azurite.Output}");
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return azurite;
    }

    /// <summary>What Azurite printed, for a failure message.</summary>
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

/// <summary>The repository's root: the folder with <c>LerarenFunctions.sln</c> and <c>package.json</c>.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LerarenFunctions.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (with LerarenFunctions.sln and package.json) was not found above the current folder.");
    }
}

/// <summary>Installs the Node tools of <c>package.json</c> once, also when several processes ask at the same time.</summary>
public static class NodeTools
{
    public static async Task EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        if (AreInstalled(root))
        {
            return;
        }

        // A lock file keeps two test processes from running npm ci in the same folder at once.
        await using var gate = await SetupCommands.AcquireAsync(Path.Combine(root, ".npm-install.lock"), cancellationToken);
        if (AreInstalled(root))
        {
            return;
        }

        await SetupCommands.RunAsync(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = root }, "npm ci (is Node.js 20 installed?)", cancellationToken);
    }

    /// <summary>Whether every tool <c>package.json</c> lists is in <c>node_modules</c>: a clone installed before a tool was added installs again.</summary>
    private static bool AreInstalled(string root)
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "package.json")));
        return package.RootElement.TryGetProperty("devDependencies", out var tools)
            && tools.EnumerateObject().All(tool => File.Exists(Path.Combine(root, "node_modules", tool.Name, "package.json")));
    }
}
