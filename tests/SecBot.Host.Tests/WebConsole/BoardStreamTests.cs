using System.Net.ServerSentEvents;
using SecBot.Host.WebConsole;
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
