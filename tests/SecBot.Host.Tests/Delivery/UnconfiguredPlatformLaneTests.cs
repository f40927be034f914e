using Microsoft.Extensions.Time.Testing;
using SecBot.Host.Tests.Replicas;
using SecBot.Host.Tests.Support;
using SecBot.Host.Tests.Teams;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Tests.Delivery;

/// <summary>
/// The lane for platforms no longer configured runs for as long as the host does, like every other lane: a message for
/// Slack on a Teams-only host is dead-lettered whenever it comes due — queued while running, re-queued by <c>retry</c>, or
/// waiting out a backoff — never left pending unseen.
/// </summary>
public sealed class UnconfiguredPlatformLaneTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_message_for_an_unconfigured_platform_is_dead_lettered_when_queued_when_re_queued_and_when_its_backoff_ends()
    {
        var time = new FakeTimeProvider(Start);
        await using var teams = await TeamsHost.StartAsync(time);
        var id = await teams.Outbox.EnqueueAsync(new OutboxMessage("slack", "channel:incidents", "card", "{}"), CancellationToken.None);
        await DeadAsync(teams, id);

        var deadLetters = teams.Host.App.Services.GetRequiredService<DeadLetters>();
        Assert.NotNull(await teams.Store.WriteAsync(t => deadLetters.RequeueAsync(t, id), CancellationToken.None));
        await DeadAsync(teams, id);

        // Re-queued into a backoff five minutes away: not due, so still pending, until the clock gets there.
        await teams.Store.WriteAsync(
            async t =>
            {
                Assert.NotNull(await deadLetters.RequeueAsync(t, id));
                return await t.ExecuteAsync("UPDATE outbox SET next_attempt_at = @At WHERE id = @Id", new { At = t.Now + TimeSpan.FromMinutes(5), Id = id });
            },
            CancellationToken.None);
        Assert.Equal(OutboxState.Pending, await StateAsync(teams, id));

        time.Advance(TimeSpan.FromMinutes(5));

        var row = await DeadAsync(teams, id);
        Assert.Equal("no sender for platform 'slack' is configured", row.LastError);
    }

    private static async Task<OutboxState> StateAsync(TeamsHost teams, long id) => (await teams.OutboxEntriesAsync()).Single(m => m.Id == id).State;

    private static async Task<OutboxEntry> DeadAsync(TeamsHost teams, long id)
    {
        OutboxEntry? row = null;
        await Until.TrueAsync(
            async () => (row = (await teams.OutboxEntriesAsync()).Single(m => m.Id == id)).State == OutboxState.Dead,
            TimeSpan.FromSeconds(30),
            () => $"the Slack message dead-lettered; it is {row?.State}");
        return row!;
    }
}
