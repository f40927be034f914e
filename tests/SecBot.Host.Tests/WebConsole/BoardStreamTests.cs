using System.Net.ServerSentEvents;
using SecBot.Host.WebConsole;
using SecBot.Storage.Delivery;
using SecBot.Testing.Slack;
using static SecBot.Host.Tests.WebConsole.BoardMarkup;

namespace SecBot.Host.Tests.WebConsole;

/// <summary>
/// <c>GET /board/stream</c> over the real host: the board at once, then a fresh one after a commit. The host's clock is a
/// watched fake, moved past the stream's push gap when the stream sleeps towards it; the real clock only bounds the wait.
/// </summary>
public sealed class BoardStreamTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_stream_sends_the_board_at_once_and_a_burst_of_declarations_as_one_fresh_board()
    {
        await using var board = await BoardHost.StartAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        using var response = await board.GetAsync("/board/stream", HttpCompletionOption.ResponseHeadersRead, guard.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(guard.Token);
        await using var events = SseParser.Create(body).EnumerateAsync(guard.Token).GetAsyncEnumerator(guard.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(BoardStream.EventType, events.Current.EventType);
        Assert.Contains("No open incidents.", events.Current.Data, StringComparison.Ordinal);
        var pushedAt = board.Clock.GetUtcNow();

        foreach (var title in new[] { "Suspicious login", "Phishing wave", "Leaked token" })
        {
            using var declared = await board.Slack.CommandAsync($"declare {title}");
        }

        var next = events.MoveNextAsync().AsTask();
        // The first commit wakes the stream; it holds the push until the gap after the last one has passed on the host's
        // clock, so the three commits go out as one board.
        await board.Clock.AdvanceWhenAsleepUntilAsync(pushedAt + BoardStream.PushGap, "the board stream's push gap");

        Assert.True(await next);
        Assert.Equal(BoardStream.EventType, events.Current.EventType);
        Assert.Contains("Open incidents (3)", events.Current.Data, StringComparison.Ordinal);
        Assert.Contains("Suspicious login", Card(events.Current.Data, "INC-1"), StringComparison.Ordinal);
        Assert.Contains("Leaked token", Card(events.Current.Data, "INC-3"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_given_up_on_is_pushed_at_once_not_at_the_next_refresh()
    {
        // No retries inside the Slack client: each message's failure goes back to the dispatcher, which retries it later.
        await using var board = await BoardHost.StartAsync(
            s => s.Script("chat.postMessage", FakeResponse.Error("service_unavailable"), FakeResponse.Error("service_unavailable")),
            "--SecBot:Slack:Resilience:MaxRetryAttempts=0");
        using var declared = await board.Slack.CommandAsync("declare Suspicious login");
        var retryAt = await EveryMessageWaitsForARetryAsync(board);
        board.Slack.Slack.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth"));

        using var guard = new CancellationTokenSource(HangGuard);
        using var response = await board.GetAsync("/board/stream", HttpCompletionOption.ResponseHeadersRead, guard.Token);
        await using var body = await response.Content.ReadAsStreamAsync(guard.Token);
        await using var events = SseParser.Create(body).EnumerateAsync(guard.Token).GetAsyncEnumerator(guard.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Contains("Undelivered messages (0)", events.Current.Data, StringComparison.Ordinal);
        var refreshAt = board.Clock.GetUtcNow() + BoardStream.RefreshEvery;

        // The dispatcher's retry is the only thing due before the refresh: the dead letters it commits must wake the stream.
        Assert.True(retryAt + TimeSpan.FromMilliseconds(1) < refreshAt - BoardStream.PushGap, $"the retry at {retryAt:o} is not before the refresh at {refreshAt:o}");
        var next = events.MoveNextAsync().AsTask();
        // Past the stored retry time (kept to the millisecond), whether the dispatcher is asleep towards it yet or not.
        board.Clock.Fake.SetUtcNow(retryAt + TimeSpan.FromMilliseconds(1));

        Assert.True(await next);
        Assert.DoesNotContain("Undelivered messages (0)", Section(events.Current.Data, "dead-letters"), StringComparison.Ordinal);
        Assert.Contains("invalid_auth", Section(events.Current.Data, "dead-letters"), StringComparison.Ordinal);
        Assert.True(board.Clock.GetUtcNow() < refreshAt, "the board was pushed only by its refresh");
    }

    /// <summary>Waits (bounded) until every message of the declaration failed once and waits for a retry; the earliest retry.</summary>
    private static async Task<DateTimeOffset> EveryMessageWaitsForARetryAsync(BoardHost board)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            var pending = (await board.OutboxEntriesAsync()).Where(e => e.State == OutboxState.Pending).ToList();
            if (pending.Count > 0 && pending.All(e => e.Attempts > 0)) return pending.Min(e => e.NextAttemptAt);
            if (guard.IsCancellationRequested) throw new TimeoutException($"messages still pending untried: {string.Join(", ", pending.Where(e => e.Attempts == 0).Select(e => $"MSG-{e.Id}"))}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_stream_ends_when_the_host_stops()
    {
        await using var board = await BoardHost.StartAsync();
        using var guard = new CancellationTokenSource(HangGuard);
        using var response = await board.GetAsync("/board/stream", HttpCompletionOption.ResponseHeadersRead, guard.Token);
        await using var body = await response.Content.ReadAsStreamAsync(guard.Token);
        await using var events = SseParser.Create(body).EnumerateAsync(guard.Token).GetAsyncEnumerator(guard.Token);
        Assert.True(await events.MoveNextAsync());

        var stopped = board.Host.App.StopAsync(guard.Token);

        Assert.False(await events.MoveNextAsync());
        await stopped;
    }
}
