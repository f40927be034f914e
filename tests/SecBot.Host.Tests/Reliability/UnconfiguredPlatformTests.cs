using SecBot.Host.Tests.Replicas;
using SecBot.Host.Tests.Support;
using SecBot.Host.Tests.Teams;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Tests.Reliability;

/// <summary>
/// The dispatcher's lanes take only configured platforms' messages; what is still queued for a platform no longer
/// configured (Slack's credentials removed, say) is dead-lettered at start with the reason, never left pending unseen
/// (later arrivals: UnconfiguredPlatformLaneTests).
/// </summary>
public sealed class UnconfiguredPlatformTests
{
    [Fact]
    public async Task A_message_queued_for_a_platform_no_longer_configured_is_dead_lettered_at_start()
    {
        await using var teams = await TeamsHost.StartAsync();
        var id = await teams.Outbox.EnqueueAsync(new OutboxMessage("slack", "channel:incidents", "card", "{}"), CancellationToken.None);

        await teams.RestartAsync();

        OutboxEntry? row = null;
        await Until.TrueAsync(
            async () => (row = (await teams.OutboxEntriesAsync()).Single(m => m.Id == id)).State == OutboxState.Dead,
            TimeSpan.FromSeconds(30),
            () => $"the Slack message dead-lettered; it is {row?.State}");
        Assert.Equal("no sender for platform 'slack' is configured", row!.LastError);
    }
}
