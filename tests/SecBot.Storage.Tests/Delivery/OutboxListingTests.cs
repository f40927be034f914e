using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Delivery;

public sealed class OutboxListingTests
{
    [Fact]
    public async Task Every_outbox_row_lists_in_queue_order_whatever_its_state_with_its_claim()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var sent = await outbox.EnqueueAsync(new OutboxMessage("slack", "C-A", "post", "sent"), CancellationToken.None);
        var dead = await outbox.EnqueueAsync(new OutboxMessage("slack", "C-B", "post", "dead"), CancellationToken.None);
        var claimed = await outbox.EnqueueAsync(new OutboxMessage("teams", "C-C", "update", "claimed"), CancellationToken.None);
        await outbox.CompleteRunAsync([sent], [], "dispatcher-a", CancellationToken.None);
        await outbox.MarkDeadAsync(dead, "channel_not_found", CancellationToken.None);
        await outbox.ClaimRunsAsync(now, 10, 10, "dispatcher-a", CancellationToken.None);

        var all = await database.Store.ReadAsync(c => new OutboxRepository(database.Store).ListAllAsync(c, null, CancellationToken.None), CancellationToken.None);

        Assert.Equal([sent, dead, claimed], all.Select(m => m.Message.Id));
        Assert.Equal([OutboxState.Sent, OutboxState.Dead, OutboxState.Pending], all.Select(m => m.Message.State));
        Assert.Equal(("teams", "C-C", "update", "claimed"), (all[2].Message.Platform, all[2].Message.ChannelKey, all[2].Message.Kind, all[2].Message.Payload));
        Assert.Equal("channel_not_found", all[1].Message.LastError);
        Assert.Equal([null, null, "dispatcher-a"], all.Select(m => m.ClaimedBy));
        Assert.Equal([null, null, now], all.Select(m => m.ClaimedAt));
    }
}
