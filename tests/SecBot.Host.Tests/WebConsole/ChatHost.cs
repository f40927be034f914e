using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Support;
using SecBot.Host.WebConsole;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.WebConsole;

/// <summary>
/// The real host on loopback with no chat platform configured (the console is the platform), on a fake clock that stands
/// still, and a client that talks to the web console as its page does: JSON POSTs with the <c>X-SecBot-Console</c> header,
/// and the person's server-sent events read as they come.
/// </summary>
internal sealed class ChatHost : IHostUnderTest, IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir;

    private ChatHost(TempDirectory dir, RunningHost host)
    {
        _dir = dir;
        Host = host;
    }

    public RunningHost Host { get; }

    public IServiceProvider Services => Host.App.Services;

    public RosterModel Roster => Services.GetRequiredService<RosterModel>();

    public DateTimeOffset Now => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    public static Task<ChatHost> StartAsync(params string[] settings) => StartOnClockAsync(new FakeTimeProvider(Start), settings);

    /// <param name="clock">The host's clock, e.g. a <see cref="WatchedClock"/> at <see cref="Start"/> that the test moves.</param>
    public static async Task<ChatHost> StartOnClockAsync(TimeProvider clock, params string[] settings)
    {
        var dir = new TempDirectory();
        var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"), clock, settings);
        return new ChatHost(dir, host);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body) => PostAsync(Host.Http, path, JsonContent.Create(body));

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Add(ConsoleAccess.CsrfHeader, "1");
        return http.SendAsync(request);
    }

    /// <summary>POSTs and reads the answer, which must be a 200.</summary>
    public async Task<JsonNode> AnswerAsync(string path, object body)
    {
        using var response = await PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public Task<JsonNode> SayAsync(Person person, string text) => AnswerAsync("/console/say", new { @as = person.Id, text });

    /// <summary>The person's stream, open: <see cref="ChatStream.NextAsync"/> reads what arrives.</summary>
    public async Task<ChatStream> StreamAsync(Person person)
    {
        var response = await Host.Http.GetAsync($"/console/stream?as={person.Id}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new ChatStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Someone the policy does not page for <paramref name="level"/> now: a declarer whose own DMs stay quiet.</summary>
    public Person NotPaged(string level = "L1") =>
        Roster.People.First(p => OnCallPolicy.PagedAt(Services, level, "general", Now).All(paged => paged.Id != p.Id));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>One person's server-sent events: each a delivered message (new, or its card replaced) as the page receives it.</summary>
internal sealed class ChatStream(HttpResponseMessage response, Stream body) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<SseItem<string>> _events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();

    public List<ConsoleMessageView> Seen { get; } = [];

    /// <summary>The next event matching <paramref name="match"/>, skipping others; fails after a hang guard.</summary>
    public async Task<ConsoleMessageView> NextAsync(Func<ConsoleMessageView, bool> match, string what)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await _events.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{what} never arrived; seen: {string.Join(" | ", Seen.Select(m => $"{m.Id}@{m.Version} {m.Recipient}"))}");
            }

            if (!more) throw new InvalidOperationException($"the stream ended before {what}");
            if (_events.Current.EventType != ConsoleChatEndpoints.MessageEvent) continue;
            var message = JsonSerializer.Deserialize<ConsoleMessageView>(_events.Current.Data, JsonSerializerOptions.Web)!;
            Seen.Add(message);
            if (match(message)) return message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        response.Dispose();
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The response is gone: so is the stream, which is what was asked.
        }
    }
}
