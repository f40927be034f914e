using Dapper;
using SecBot.Storage.Migrations;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Database;

public sealed class SqliteDatabaseTests
{
    [Fact]
    public async Task Connections_run_in_WAL_mode_with_foreign_keys_synchronous_normal_and_a_busy_timeout()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await using var connection = await database.Database.OpenConnectionAsync(CancellationToken.None);

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
        Assert.Equal(5000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task Opening_creates_the_directory_of_the_file()
    {
        await using var database = TemporaryDatabase.Empty();
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.Database.FilePath)));

        await using (await database.Database.OpenConnectionAsync(CancellationToken.None))
        {
        }

        Assert.True(File.Exists(database.Database.FilePath));
    }

    [Fact]
    public async Task Foreign_keys_refuse_a_page_for_an_unknown_person()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var incidentId = await database.AddIncidentAsync();

        var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => database.ExecuteAsync(
            "INSERT INTO pages (incident_id, person_id, level, paged_at) VALUES (@IncidentId, 'nobody', 'L1', 0)",
            new { IncidentId = incidentId }));
        Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instants_are_stored_as_integer_unix_milliseconds_and_read_back_unchanged()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var at = new DateTimeOffset(2026, 3, 2, 10, 15, 30, 123, TimeSpan.FromHours(2));
        await database.ExecuteAsync("INSERT INTO inbound_keys (source, key, received_at) VALUES ('test', 'k', @At)", new { At = at });

        Assert.Equal("integer", await database.ScalarAsync<string>("SELECT typeof(received_at) FROM inbound_keys"));
        Assert.Equal(at.ToUnixTimeMilliseconds(), await database.ScalarAsync<long>("SELECT received_at FROM inbound_keys"));
        Assert.Equal(at, await database.ScalarAsync<DateTimeOffset>("SELECT received_at FROM inbound_keys"));
        Assert.Null(await database.ScalarAsync<DateTimeOffset?>("SELECT NULL"));
    }

    [Fact]
    public async Task Ping_is_ready_once_every_migration_is_applied()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        var readiness = await database.Database.PingAsync(CancellationToken.None);

        Assert.True(readiness.IsReady, readiness.Problem);
        Assert.Equal(MigrationCatalog.Sqlite.LatestVersion, readiness.SchemaVersion);
    }

    [Fact]
    public async Task Ping_is_not_ready_while_migrations_are_missing()
    {
        await using var database = TemporaryDatabase.Empty();
        await database.Migrations.ApplyAsync(1, CancellationToken.None);

        var readiness = await database.Database.PingAsync(CancellationToken.None);

        Assert.False(readiness.IsReady);
        Assert.Equal(1, readiness.SchemaVersion);
        Assert.NotNull(readiness.Problem);
    }

    [Fact]
    public async Task Ping_is_not_ready_when_the_file_cannot_be_opened()
    {
        await using var database = TemporaryDatabase.Empty();
        Directory.CreateDirectory(database.Database.FilePath);

        var readiness = await database.Database.PingAsync(CancellationToken.None);

        Assert.False(readiness.IsReady);
        Assert.NotNull(readiness.Problem);
    }
}
