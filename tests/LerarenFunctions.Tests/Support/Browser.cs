using System.Diagnostics;
using Microsoft.Playwright;

namespace LerarenFunctions.Tests.Support;

/// <summary>
/// Playwright driving Debian's Chromium, started once for every browser test of the collection. Playwright's own
/// browser download needs a site the tests cannot reach, so it is never used: <see cref="ExecutablePath"/> points at
/// the distribution's Chromium, installed with apt when it is missing (as root, once; otherwise the error names the
/// command to run). Screenshots go to <see cref="ScreenshotDirectory"/>, below the test output (never committed).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Where Debian's package <c>chromium</c> puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The command that installs it.</summary>
    public const string InstallCommand = "apt-get install -y chromium";

    private IPlaywright? _playwright;
    private IBrowser? _chromium;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public IBrowser Chromium => _chromium ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();
        _playwright = await Playwright.CreateAsync();
        _chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root in a container has no user namespace for Chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) on <paramref name="baseUrl"/>, in Dutch, that accepts downloads.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseUrl) => Chromium.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl.ToString(),
        Locale = "nl-NL",
        AcceptDownloads = true,
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });

    /// <summary>Saves the whole page as <c>{name}.png</c> in <see cref="ScreenshotDirectory"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Installs Chromium with apt when it is missing: one attempt, as root only.</summary>
    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException($"Chromium is missing at {ExecutablePath}. Install it with: sudo {InstallCommand}");
        }

        // The package lists may be missing or old on a fresh machine; an update that fails still leaves the install to try.
        var start = new ProcessStartInfo("sh", ["-c", $"apt-get update -q; {InstallCommand} -q -o DPkg::Lock::Timeout=300"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run '{InstallCommand}'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ExecutablePath} and '{InstallCommand}' failed (exit code {process.ExitCode}):{Environment.NewLine}{await output}{await errors}");
        }
    }
}

/// <summary>The browser tests: one Chromium for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "Browser";
}
