using SecBot.Storage.Inbound;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Inbound;

public sealed class InboundKeyListingTests
{
    [Fact]
    public async Task Every_key_lists_oldest_received_first_settled_or_only_claimed()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var keys = new InboundKeys(database.Store);
        var first = database.Time.GetUtcNow();
        Assert.True(await keys.TryClaimAsync("slack.event", "Ev1", CancellationToken.None));
        await keys.SettleAsync("slack.event", "Ev1", CancellationToken.None);
        database.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await keys.TryClaimAsync("slack.command", "cmd-1", CancellationToken.None));

        var all = await database.Store.ReadAsync(c => keys.ListAllAsync(c, null, CancellationToken.None), CancellationToken.None);

        Assert.Equal(
            [new StoredInboundKey("slack.event", "Ev1", first, first), new StoredInboundKey("slack.command", "cmd-1", first.AddSeconds(1), null)],
            all);
        Assert.Equal([true, false], all.Select(k => k.IsSettled));
    }
}
