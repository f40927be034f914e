using Dapper;
using Microsoft.Data.Sqlite;
using SecBot.Storage.Database;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Store;

/// <summary>Statements reused across writes on the writer's long-lived connection behave as freshly prepared ones.</summary>
public sealed class PreparedCommandTests
{
    private const int PrimaryKeyConstraintFailed = 1555;

    [Fact]
    public async Task The_same_statement_run_by_many_writes_binds_each_writes_own_parameters()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        for (var i = 0; i < 20; i++)
        {
            var key = $"Ev{i}";
            Assert.True(await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("slack-event", key), CancellationToken.None));
        }

        Assert.False(await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("slack-event", "Ev7"), CancellationToken.None));
        Assert.Equal(20, await database.CountAsync("inbound_keys"));
        Assert.Equal("Ev0|Ev1|Ev19", await database.ScalarAsync<string>(
            "SELECT group_concat(key, '|') FROM (SELECT key FROM inbound_keys WHERE key IN ('Ev0', 'Ev1', 'Ev19') ORDER BY key)"));
    }

    [Fact]
    public async Task Lists_expanded_into_the_text_and_reads_after_writes_see_the_current_rows()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await database.Store.WriteAsync(
            async transaction =>
            {
                for (var i = 0; i < 5; i++) await transaction.TryRecordInboundKeyAsync("k", $"K{i}");
            },
            CancellationToken.None);

        foreach (var keys in new[] { new[] { "K1" }, ["K1", "K2", "K3"], ["K4", "missing"] })
        {
            var found = await database.Store.WriteAsync(
                transaction => transaction.ExecuteScalarAsync<long>("SELECT count(*) FROM inbound_keys WHERE key IN @Keys", new { Keys = keys }),
                CancellationToken.None);
            Assert.Equal(keys.Count(k => k != "missing"), found);
        }
    }

    [Fact]
    public async Task A_statement_that_failed_runs_again_cleanly_in_the_next_write()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await database.AddPersonAsync("maya");
        const string Insert = "INSERT INTO people (id, name, synced_at) VALUES (@Id, 'Someone', @Now)";

        var failure = await Assert.ThrowsAsync<SqliteException>(() => database.Store.WriteAsync(
            transaction => transaction.ExecuteAsync(Insert, new { Id = "maya", transaction.Now }), CancellationToken.None));
        Assert.Equal(PrimaryKeyConstraintFailed, failure.SqliteExtendedErrorCode);

        await database.Store.WriteAsync(transaction => transaction.ExecuteAsync(Insert, new { Id = "noah", transaction.Now }), CancellationToken.None);
        Assert.Equal(2, await database.CountAsync("people"));
    }

    [Fact]
    public async Task More_distinct_statements_than_the_cache_holds_all_still_run()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var texts = Enumerable.Range(0, PreparedCommandCache.Capacity + 20).Select(i => $"SELECT {i} + @Offset").ToList();

        var sums = await database.Store.WriteAsync(
            async transaction =>
            {
                var results = new List<long>();
                foreach (var text in texts) results.Add(await transaction.ExecuteScalarAsync<long>(text, new { Offset = 1 }));
                foreach (var text in texts.Take(3)) results.Add(await transaction.ExecuteScalarAsync<long>(text, new { Offset = 100 }));
                return results;
            },
            CancellationToken.None);

        Assert.Equal([.. Enumerable.Range(1, texts.Count).Select(i => (long)i), 100, 101, 102], sums);
    }

    [Fact]
    public async Task A_disposed_store_holds_no_connection_to_the_file()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("k", "one"), CancellationToken.None);

        await database.Store.DisposeAsync();
        SqliteConnection.ClearAllPools();

        // Leaving WAL needs the only connection to the file: it fails while the writer's connection is still open.
        await using var alone = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.Database.FilePath, Pooling = false }.ToString());
        await alone.OpenAsync();
        Assert.Equal("delete", await alone.ExecuteScalarAsync<string>("PRAGMA journal_mode = DELETE"));
    }
}
