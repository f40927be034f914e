using Microsoft.Playwright;
using SecBot.Storage.Tests.Support;

namespace SecBot.Host.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c>, driven by Playwright through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/>: Playwright's
/// own browser download cannot work here (no network beyond the package registries). Installed by the test run when it
/// is missing (root with apt), as the PostgreSQL and Alertmanager tests install theirs.
/// </summary>
public sealed class DebianChromium : IAsyncLifetime
{
    public const string Binary = "/usr/bin/chromium";
    public const string InstallHint = "install Chromium (Debian/Ubuntu: apt-get install chromium)";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser has not started");

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync();
        _playwright = await Playwright.CreateAsync();
        // Root (as the tests run in CI) cannot use Chromium's sandbox; the pages are SecBot's own, on loopback.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Binary, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Binary)) return;
        if (!DebianPackages.CanInstall) throw new InvalidOperationException($"{Binary} is missing; the browser tests drive the real one: {InstallHint}.");
        await DebianPackages.InstallAsync("chromium");
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is still missing after installing chromium.");
    }
}
