using System.Diagnostics;
using SecBot.Storage.Tests.Support;

namespace SecBot.Host.Tests.Manifests;

/// <summary>
/// Debian's <c>promtool</c> (package <c>prometheus</c>), installed by the test run when missing (root with apt) as the
/// Alertmanager test installs its own; elsewhere the failure says what to install.
/// </summary>
internal static class Promtool
{
    public const string Binary = "/usr/bin/promtool";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>promtool <paramref name="arguments"/></c>, with <paramref name="input"/> on its standard input; answers its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string? input, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Support.RepoPaths.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(Limit, TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"promtool {string.Join(' ', arguments)} did not finish within {Limit}");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Binary)) return;
        if (!DebianPackages.CanInstall) throw new InvalidOperationException($"{Binary} is missing: install Prometheus (Debian/Ubuntu: apt-get install prometheus).");
        await DebianPackages.InstallAsync("prometheus");
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is still missing after installing prometheus.");
    }
}
