using Microsoft.Extensions.Time.Testing;
using SecBot.Teams.Connector;

namespace SecBot.Teams.Tests.Connector;

/// <summary>Teams' send limits (teams-protocol.md §7) as waits, on fake time.</summary>
public sealed class SlidingWindowLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Seven_sends_go_at_once_and_the_eighth_waits_until_the_first_leaves_the_window()
    {
        var limiter = new SlidingWindowLimiter(7, TimeSpan.FromSeconds(1), _time);

        var waits = Enumerable.Range(0, 7).Select(_ => limiter.Reserve("a:conv")).ToList();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        var eighth = limiter.Reserve("a:conv");
        var ninth = limiter.Reserve("a:conv");

        Assert.All(waits, w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromMilliseconds(700), eighth);
        Assert.Equal(TimeSpan.FromMilliseconds(700), ninth);
    }

    [Fact]
    public void The_window_slides_and_queued_callers_keep_their_order()
    {
        var limiter = new SlidingWindowLimiter(2, TimeSpan.FromSeconds(1), _time);

        Assert.Equal(TimeSpan.Zero, limiter.Reserve("k"));
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve("k"));
        Assert.Equal(TimeSpan.FromMilliseconds(400), limiter.Reserve("k"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve("k"));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve("k"));
    }

    [Fact]
    public void Conversations_have_separate_budgets()
    {
        var limiter = new SlidingWindowLimiter(1, TimeSpan.FromSeconds(1), _time);

        Assert.Equal(TimeSpan.Zero, limiter.Reserve("a:one"));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve("a:two"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.Reserve("a:one"));
    }

    [Fact]
    public async Task A_caller_over_the_limit_waits_on_the_time_provider()
    {
        var limiter = new SlidingWindowLimiter(1, TimeSpan.FromSeconds(1), _time);
        await limiter.WaitAsync("k", CancellationToken.None);

        var waiting = limiter.WaitAsync("k", CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await waiting;
    }

    [Fact]
    public async Task The_client_holds_the_eighth_send_to_a_conversation_for_the_next_second_but_not_sends_elsewhere()
    {
        var time = new ObservedTimeProvider();
        await using var harness = await ConnectorHarness.StartAsync(time);
        var fake = harness.Fake;
        var activity = new System.Text.Json.Nodes.JsonObject { ["type"] = "message", ["text"] = "page" };

        var sends = Enumerable.Range(0, 8).Select(_ => harness.Client.SendAsync(fake.ServiceUrl, "a:busy", activity, CancellationToken.None)).ToList();
        var elsewhere = await harness.Client.SendAsync(fake.ServiceUrl, "a:quiet", activity, CancellationToken.None);
        await Task.WhenAll(sends.Take(7));
        await time.WaitForWaitAsync(TimeSpan.FromSeconds(1));

        Assert.True(elsewhere.IsSuccess);
        Assert.False(sends[7].IsCompleted);
        Assert.Equal(7, fake.Calls.Count(c => c.ConversationId == "a:busy"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await sends[7]).IsSuccess);
        Assert.Equal(8, fake.Calls.Count(c => c.ConversationId == "a:busy"));
    }
}
