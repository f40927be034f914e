using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Postgres;

public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"secbot-postgres-binaries-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_highest_installed_version_with_all_server_programs_is_used()
    {
        InstallServerPrograms("9.6", "initdb", "pg_ctl", "postgres");
        InstallServerPrograms("15", "initdb", "pg_ctl", "postgres");
        InstallServerPrograms("16", "pg_ctl", "postgres");

        var binaries = await PostgresBinaries.FindAsync(_root, "secbot-no-such-pg_config");

        Assert.Equal(Path.Combine(_root, "15", "bin"), binaries.Directory);
        Assert.Equal(Path.Combine(_root, "15", "bin", "initdb"), binaries.InitDb);
    }

    [Fact]
    public async Task Without_server_programs_the_failure_says_to_install_PostgreSQL()
    {
        InstallServerPrograms("15", "pg_ctl");

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresBinaries.FindAsync(_root, "secbot-no-such-pg_config"));

        Assert.Contains("apt-get install postgresql-15", missing.Message, StringComparison.Ordinal);
        Assert.Contains(_root, missing.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private void InstallServerPrograms(string version, params string[] programs)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, version, "bin")).FullName;
        foreach (var program in programs) File.WriteAllText(Path.Combine(bin, program), "");
    }
}
