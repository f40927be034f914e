using SecBot.Storage.Inbound;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class InboundKeyClaimContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_new_key_is_claimed_once_and_a_repeat_inside_the_lease_is_not()
    {
        var database = Database;
        var keys = new InboundKeys(database.Store, Lease);

        Assert.True(await keys.TryClaimAsync("slack.event", "Ev1", CancellationToken.None));
        database.Time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.False(await keys.TryClaimAsync("slack.event", "Ev1", CancellationToken.None));
    }

    [Fact]
    public async Task An_unsettled_claim_past_its_lease_is_claimed_again_but_a_settled_one_never_is()
    {
        var database = Database;
        var keys = new InboundKeys(database.Store, Lease);
        await keys.TryClaimAsync("slack.event", "Ev-died", CancellationToken.None);
        await keys.TryClaimAsync("slack.event", "Ev-done", CancellationToken.None);
        await keys.SettleAsync("slack.event", "Ev-done", CancellationToken.None);

        database.Time.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.True(await keys.TryClaimAsync("slack.event", "Ev-died", CancellationToken.None));
        Assert.False(await keys.TryClaimAsync("slack.event", "Ev-died", CancellationToken.None));
        Assert.False(await keys.TryClaimAsync("slack.event", "Ev-done", CancellationToken.None));
    }

    [Fact]
    public async Task A_write_inside_the_scope_settles_the_claim_together_with_its_change()
    {
        var database = Database;
        var keys = new InboundKeys(database.Store, Lease);
        await keys.TryClaimAsync("slack.event", "Ev2", CancellationToken.None);

        using (InboundKeyScope.Enter("slack.event", "Ev2"))
        {
            await database.Store.WriteAsync(transaction => transaction.ExecuteAsync(
                "INSERT INTO people (id, name, synced_at) VALUES ('maya', 'Maya', @Now)", new { transaction.Now }), CancellationToken.None);
        }

        Assert.Equal(1, await database.CountAsync("people"));
        Assert.Equal(1, await database.CountAsync("inbound_keys WHERE key = 'Ev2' AND settled_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_write_that_fails_inside_the_scope_leaves_neither_its_change_nor_a_settled_key()
    {
        var database = Database;
        var keys = new InboundKeys(database.Store, Lease);
        await keys.TryClaimAsync("slack.event", "Ev3", CancellationToken.None);

        using (InboundKeyScope.Enter("slack.event", "Ev3"))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.WriteAsync(
                async transaction =>
                {
                    await transaction.ExecuteAsync("INSERT INTO people (id, name, synced_at) VALUES ('maya', 'Maya', @Now)", new { transaction.Now });
                    throw new InvalidOperationException("the command failed");
                },
                CancellationToken.None));
        }

        Assert.Equal(0, await database.CountAsync("people"));
        Assert.Equal(1, await database.CountAsync("inbound_keys WHERE key = 'Ev3' AND settled_at IS NULL"));
    }

    [Fact]
    public async Task Writes_outside_the_scope_leave_the_claim_alone_and_keys_recorded_inside_a_change_are_settled()
    {
        var database = Database;
        var keys = new InboundKeys(database.Store, Lease);
        await keys.TryClaimAsync("slack.event", "Ev4", CancellationToken.None);
        await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("alertmanager", "group-1"), CancellationToken.None);

        Assert.Equal(1, await database.CountAsync("inbound_keys WHERE key = 'Ev4' AND settled_at IS NULL"));
        Assert.Equal(1, await database.CountAsync("inbound_keys WHERE key = 'group-1' AND settled_at IS NOT NULL"));
    }
}

public sealed class SqliteInboundKeyClaimContract : InboundKeyClaimContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresInboundKeyClaimContract(PostgresFixture fixture) : InboundKeyClaimContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
