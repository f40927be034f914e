using System.Diagnostics;

namespace SecBot.Storage.Tests.Support;

/// <summary>
/// Installs a Debian package a test needs (the PostgreSQL server, Alertmanager) on a machine where the tests run as root
/// with apt (a fresh CI machine of this kind), as the README's test command promises; elsewhere the caller says what to install.
/// </summary>
internal static class DebianPackages
{
    public static bool CanInstall => Environment.IsPrivilegedProcess && File.Exists("/usr/bin/apt-get");

    public static async Task InstallAsync(string package)
    {
        var install = new ProcessStartInfo("/usr/bin/apt-get") { ArgumentList = { "install", "-y", "-q", package }, Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" } };
        try
        {
            await ShortCommand.RunAsync(install, TimeSpan.FromMinutes(10));
        }
        catch (InvalidOperationException)
        {
            // The package lists may be missing on a fresh machine: fetch them once, then install.
            await ShortCommand.RunAsync(new ProcessStartInfo("/usr/bin/apt-get") { ArgumentList = { "update", "-q" } }, TimeSpan.FromMinutes(10));
            await ShortCommand.RunAsync(install, TimeSpan.FromMinutes(10));
        }
    }
}
