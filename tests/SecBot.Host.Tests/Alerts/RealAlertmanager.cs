using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Host.Tests.Alerts;

/// <summary>
/// Debian's <c>prometheus-alertmanager</c>, started for one test on 127.0.0.1 with clustering off, its storage in a temp
/// directory and one receiver: SecBot's <c>/alerts/alertmanager</c> with the routing key as a bearer credential. Alerts are
/// pushed through its own API. Installed by the test run when missing (root with apt), like PostgreSQL.
/// </summary>
internal sealed class RealAlertmanager : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";
    public const string InstallHint = "install Alertmanager (Debian/Ubuntu: apt-get install prometheus-alertmanager)";

    private readonly Process _process;
    private readonly TempDirectory _dir;
    private readonly StringBuilder _log;

    private RealAlertmanager(Process process, TempDirectory dir, StringBuilder log, Uri api)
    {
        _process = process;
        _dir = dir;
        _log = log;
        Api = api;
        Http = new HttpClient { BaseAddress = api };
    }

    public Uri Api { get; }

    public HttpClient Http { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static async Task<RealAlertmanager> StartAsync(Uri secbot, string routingKey)
    {
        await EnsureInstalledAsync();
        var dir = new TempDirectory();
        var port = FreePort();
        var config = dir.File("alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: secbot
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: secbot
                webhook_configs:
                  - url: {new Uri(secbot, "/alerts/alertmanager")}
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {routingKey}
            """);
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.path={dir.File("data")}", $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=", "--log.level=debug",
            },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var alertmanager = new RealAlertmanager(process, dir, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await alertmanager.WaitUntilAsync(async () => (await alertmanager.Http.GetAsync(new Uri("-/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "Alertmanager ready");
            return alertmanager;
        }
        catch
        {
            await alertmanager.DisposeAsync();
            throw;
        }
    }

    /// <summary>Pushes alerts as Prometheus does (<c>POST /api/v2/alerts</c>).</summary>
    public async Task PushAsync(string alertsJson)
    {
        using var response = await Http.PostAsync(new Uri("api/v2/alerts", UriKind.Relative), new StringContent(alertsJson, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Alertmanager refused the alerts: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds: Alertmanager delivers on its own clock, so this waits on the real one, generously.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90), TimeProvider.System);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Alertmanager exited ({_process.ExitCode}) waiting for {what}:\n{Log}");
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.IsCancellationRequested) throw new TimeoutException($"waited for {what}; Alertmanager said:\n{Log}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _dir.Dispose();
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Binary)) return;
        if (!DebianPackages.CanInstall) throw new InvalidOperationException($"{Binary} is missing; the Alertmanager test starts the real one: {InstallHint}.");
        await DebianPackages.InstallAsync("prometheus-alertmanager");
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is still missing after installing prometheus-alertmanager.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }
}
