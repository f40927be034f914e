using System.Diagnostics;

namespace SecBot.Storage.Tests.Support;

/// <summary>Where the installed PostgreSQL server programs are: the highest /usr/lib/postgresql/&lt;version&gt;/bin, else `pg_config --bindir`.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    public const string InstallHint = "install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql-15)";

    private static readonly string[] ServerPrograms = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public string Postgres => Path.Combine(Directory, "postgres");

    /// <summary>
    /// The installed server programs; on a machine without them where the tests run as root with apt (a fresh CI machine
    /// of this kind), the test run installs the distribution's PostgreSQL server first, as the README's test command
    /// promises to install whatever a test needs.
    /// </summary>
    public static async Task<PostgresBinaries> FindAsync()
    {
        try
        {
            return await FindAsync("/usr/lib/postgresql", "pg_config");
        }
        catch (InvalidOperationException) when (DebianPackages.CanInstall)
        {
            await DebianPackages.InstallAsync("postgresql");
            return await FindAsync("/usr/lib/postgresql", "pg_config");
        }
    }

    /// <exception cref="InvalidOperationException">Neither place has initdb, pg_ctl and postgres; the message says to install PostgreSQL.</exception>
    public static async Task<PostgresBinaries> FindAsync(string installRoot, string pgConfig)
    {
        var versioned = System.IO.Directory.Exists(installRoot)
            ? System.IO.Directory.GetDirectories(installRoot)
                .Select(directory => (Version: ParseVersion(Path.GetFileName(directory)), Bin: Path.Combine(directory, "bin")))
                .Where(candidate => candidate.Version is not null && HasServerPrograms(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        if (versioned is not null) return new PostgresBinaries(versioned);

        var configured = await BinDirectoryFromPgConfigAsync(pgConfig);
        if (configured is not null && HasServerPrograms(configured)) return new PostgresBinaries(configured);

        throw new InvalidOperationException(
            $"PostgreSQL's server programs ({string.Join(", ", ServerPrograms)}) are in neither {installRoot}/<version>/bin nor " +
            $"`{pgConfig} --bindir` ({configured ?? "no pg_config"}). The PostgreSQL tests start their own server from them: {InstallHint}.");
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

    private static bool HasServerPrograms(string directory) =>
        ServerPrograms.All(program => File.Exists(Path.Combine(directory, program)));

    private static async Task<string?> BinDirectoryFromPgConfigAsync(string pgConfig)
    {
        try
        {
            var output = (await ShortCommand.RunAsync(new ProcessStartInfo(pgConfig) { ArgumentList = { "--bindir" } })).Trim();
            return output.Length == 0 ? null : output;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
