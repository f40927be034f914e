using SecBot.Storage.Database;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Store;

/// <summary>
/// <see cref="StoreTransaction.TryAsync"/>: work the database refuses for the named constraint, or that answers false, leaves
/// nothing behind while the rest of the transaction commits; any other failure still fails the transaction.
/// </summary>
public sealed class TryUnderSavepointTests
{
    [Fact]
    public async Task Refused_or_declined_work_is_undone_and_the_transaction_goes_on()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        var (refused, declined, done) = await database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.ExecuteAsync("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");
                await transaction.ExecuteAsync("INSERT INTO probe (name) VALUES ('kept')");
                var refused = await transaction.TryAsync(
                    async () =>
                    {
                        await transaction.ExecuteAsync("INSERT INTO probe (name) VALUES ('undone')");
                        await transaction.ExecuteAsync("INSERT INTO probe (name) VALUES ('kept')");
                        return true;
                    },
                    StoreConstraint.Unique);
                var declined = await transaction.TryAsync(
                    async () => await transaction.ExecuteAsync("INSERT INTO probe (name) VALUES ('declined')") < 0,
                    StoreConstraint.Unique);
                var done = await transaction.TryAsync(
                    async () => await transaction.ExecuteAsync("INSERT INTO probe (name) VALUES ('added')") == 1,
                    StoreConstraint.Unique);
                return (refused, declined, done);
            },
            CancellationToken.None);

        Assert.Equal((false, false, true), (refused, declined, done));
        Assert.Equal("added,kept", await database.ScalarAsync<string>("SELECT group_concat(name, ',') FROM (SELECT name FROM probe ORDER BY name)"));
    }

    [Fact]
    public async Task A_violation_of_another_constraint_than_the_one_named_fails_the_transaction()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.ExecuteAsync("CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");
                await transaction.ExecuteAsync("INSERT INTO probe (name) VALUES ('one')");
                return await transaction.TryAsync(
                    async () => await transaction.ExecuteAsync("INSERT INTO probe (name) VALUES ('one')") == 1,
                    StoreConstraint.ForeignKey);
            },
            CancellationToken.None));

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM sqlite_schema WHERE name = 'probe'"));
    }
}
