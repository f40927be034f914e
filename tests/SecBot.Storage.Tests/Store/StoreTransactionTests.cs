using Dapper;
using Microsoft.Data.Sqlite;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Store;

/// <summary>SQLite only: a write holds the file's write lock from its start. What every store promises is in Contract/StoreTransactionContract.</summary>
public sealed class StoreTransactionTests
{
    private const int SqliteBusy = 5;

    [Fact]
    public async Task A_write_transaction_holds_the_database_write_lock_from_its_start()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        await database.Store.WriteAsync(
            async _ =>
            {
                await using var otherProcess = new SqliteConnection(database.Database.ConnectionString);
                await otherProcess.OpenAsync();
                await otherProcess.ExecuteAsync("PRAGMA busy_timeout = 0");
                var refused = await Assert.ThrowsAsync<SqliteException>(
                    () => otherProcess.ExecuteAsync(new CommandDefinition("BEGIN IMMEDIATE", commandTimeout: 1)));
                Assert.Equal(SqliteBusy, refused.SqliteErrorCode);
            },
            CancellationToken.None);
    }
}
