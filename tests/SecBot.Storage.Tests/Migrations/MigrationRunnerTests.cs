using Dapper;
using SecBot.Storage.Migrations;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Migrations;

public sealed class MigrationRunnerTests
{
    [Fact]
    public void Embedded_migrations_are_numbered_from_one_without_gaps()
    {
        Assert.Equal(
            Enumerable.Range(1, MigrationCatalog.Sqlite.All.Count),
            MigrationCatalog.Sqlite.All.Select(migration => migration.Version));
        Assert.Equal(
            ["roster", "incidents", "reviews", "timers", "delivery"],
            MigrationCatalog.Sqlite.All.Take(5).Select(migration => migration.Name));
    }

    [Fact]
    public async Task A_fresh_database_gets_every_migration_recorded_with_its_name_and_time()
    {
        await using var database = TemporaryDatabase.Empty();

        var applied = await database.Migrations.ApplyAsync(cancellationToken: CancellationToken.None);

        Assert.Equal(MigrationCatalog.Sqlite.All, applied);
        await using var connection = await database.Database.OpenConnectionAsync(CancellationToken.None);
        var history = (await connection.QueryAsync<(long Version, string Name, long AppliedAt)>(
            "SELECT version, name, applied_at FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(MigrationCatalog.Sqlite.All.Select(migration => (long)migration.Version), history.Select(row => row.Version));
        Assert.All(history, row => Assert.Equal(TemporaryDatabase.Start.ToUnixTimeMilliseconds(), row.AppliedAt));
    }

    [Fact]
    public async Task Applying_migrations_twice_changes_nothing_the_second_time()
    {
        await using var database = TemporaryDatabase.Empty();
        await database.Migrations.ApplyAsync(cancellationToken: CancellationToken.None);
        var schemaBefore = await SchemaAsync(database);

        var appliedAgain = await database.Migrations.ApplyAsync(cancellationToken: CancellationToken.None);

        Assert.Empty(appliedAgain);
        Assert.Equal(schemaBefore, await SchemaAsync(database));
        Assert.Equal(MigrationCatalog.Sqlite.All.Count, await database.CountAsync("schema_migrations"));
    }

    [Fact]
    public async Task An_older_database_with_data_upgrades_and_keeps_its_rows()
    {
        await using var database = TemporaryDatabase.Empty();
        await database.Migrations.ApplyAsync(1, CancellationToken.None);
        await database.AddPersonAsync("maya", "Maya Chen");
        Assert.Equal(1, await database.Migrations.CurrentVersionAsync(CancellationToken.None));

        var applied = await database.Migrations.ApplyAsync(cancellationToken: CancellationToken.None);

        Assert.Equal(MigrationCatalog.Sqlite.All.Skip(1), applied);
        Assert.Equal(MigrationCatalog.Sqlite.LatestVersion, await database.Migrations.CurrentVersionAsync(CancellationToken.None));
        Assert.Equal("Maya Chen", await database.ScalarAsync<string>("SELECT name FROM people WHERE id = 'maya'"));
        var incidentId = await database.AddIncidentAsync();
        await database.ExecuteAsync(
            "UPDATE incidents SET lead_person_id = 'maya' WHERE id = @Id", new { Id = incidentId });
    }

    [Fact]
    public async Task Migration_14_adds_where_platforms_reach_people_and_where_cards_were_delivered_to_a_database_with_people()
    {
        await using var database = TemporaryDatabase.Empty();
        await database.Migrations.ApplyAsync(13, CancellationToken.None);
        await database.AddPersonAsync("maya", "Maya Chen");

        var applied = await database.Migrations.ApplyAsync(14, CancellationToken.None);

        Assert.Equal([(14, "platform_conversations_and_sent_cards")], applied.Select(migration => (migration.Version, migration.Name)));
        await database.ExecuteAsync(
            "INSERT INTO platform_conversations (person_id, platform, user_id, updated_at) VALUES ('maya', 'teams', '29:maya', 0)");
        await database.ExecuteAsync(
            "INSERT INTO sent_cards (platform, subject, conversation_id, message_id, sent_at) VALUES ('slack', 'INC-1', 'C1', '1.1', 0)");
        Assert.Equal((1L, 1L), (await database.CountAsync("platform_conversations"), await database.CountAsync("sent_cards")));
    }

    [Fact]
    public async Task A_database_newer_than_this_build_is_refused()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await database.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from_the_future', 0)");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => database.Migrations.ApplyAsync(cancellationToken: CancellationToken.None));
    }

    private static async Task<List<string>> SchemaAsync(TemporaryDatabase database)
    {
        await using var connection = await database.Database.OpenConnectionAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")];
    }
}
