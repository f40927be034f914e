using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecBot.Testing.Slack;

/// <summary>
/// A Slack Web API on 127.0.0.1 that records every call and answers like Slack: each method's documented success
/// (the <c>web.{method}.ok.json</c> fixture, else <c>{"ok":true}</c>), unless a test scripted other answers for
/// it, which are used once each, in order. Real HTTP, so the client's headers, bodies and retries are what is tested.
/// </summary>
internal sealed partial class FakeSlackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedCall> _stalled = new();
    private volatile Func<RecordedCall, bool>? _stall;
    private volatile FakeResponse? _outage;
    private readonly ConcurrentDictionary<RecordedCall, string> _postedTs = new(ReferenceEqualityComparer.Instance);
    private int _posts;

    private FakeSlackServer(WebApplication app) => _app = app;

    /// <summary>The base to configure as <c>SecBot:Slack:ApiBaseUrl</c>, ending in <c>/api/</c>.</summary>
    public Uri ApiBase { get; private set; } = null!;

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    /// <summary>
    /// When set, conversations.open answers each user with a DM channel of their own (<see cref="DirectChannelOf"/>)
    /// instead of the fixture's one channel, so a test can tell whom each DM went to.
    /// </summary>
    public bool DirectChannelPerUser { get; set; }

    /// <summary>
    /// When set, chat.postMessage answers each post with a ts of its own (<see cref="PostedTs"/>), as Slack does,
    /// instead of the fixture's one ts, so two cards in one DM are two messages.
    /// </summary>
    public bool UniqueTimestamps { get; set; }

    /// <summary>The ts chat.postMessage answers <paramref name="post"/> with (known once the call is recorded), when <see cref="UniqueTimestamps"/> is set.</summary>
    public string? PostedTs(RecordedCall post) => _postedTs.TryGetValue(post, out var ts) ? ts : null;

    /// <summary>
    /// From now on, calls that match <paramref name="which"/> are recorded and then never answered: the caller waits
    /// until it gives up or dies, as if Slack took the message and the answer was lost.
    /// </summary>
    public void Stall(Func<RecordedCall, bool> which) => _stall = which;

    /// <summary>From now on every Web API call is answered with <paramref name="answer"/> (a 500, say): Slack is down until <see cref="Recover"/>.</summary>
    public void FailWith(FakeResponse answer) => _outage = answer;

    /// <summary>
    /// Ends a <see cref="FailWith"/> or <see cref="Stall"/>: calls are answered as usual again. A call already stalled stays
    /// unanswered until its caller gives up.
    /// </summary>
    public void Recover()
    {
        _outage = null;
        _stall = null;
    }

    /// <summary>The calls left unanswered by <see cref="Stall"/>.</summary>
    public IReadOnlyList<RecordedCall> Stalled => [.. _stalled];

    /// <summary>The DM channel conversations.open gives <paramref name="slackUserId"/> when <see cref="DirectChannelPerUser"/> is set.</summary>
    public static string DirectChannelOf(string slackUserId) => "D" + slackUserId;

    /// <summary>The "method" a POST to a <see cref="ResponseUrl"/> is recorded (and can be scripted) as.</summary>
    public const string ResponseUrlMethod = "response_url";

    /// <summary>A <c>response_url</c> on this server (the ApiBaseUrl's host, which SecBot trusts in tests).</summary>
    public string ResponseUrl(string path = "T111/1/x") => new Uri(ApiBase, "/hooks/" + path).ToString();

    public static async Task<FakeSlackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackServer(app);
        app.UseWebSockets();
        app.Map(SocketPath, (Delegate)fake.AcceptSocketAsync);
        app.Map("/api/{method}", (Delegate)fake.HandleAsync);
        app.Map("/hooks/{**rest}", (HttpContext context) => fake.HandleAsync(context, ResponseUrlMethod));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.ApiBase = new Uri(address.TrimEnd('/') + "/api/");
        return fake;
    }

    /// <summary>Answers the next calls of <paramref name="method"/> with these, in order, then with the default again.</summary>
    public void Script(string method, params FakeResponse[] responses)
    {
        var queue = _scripted.GetOrAdd(method, _ => new ConcurrentQueue<FakeResponse>());
        foreach (var response in responses) queue.Enqueue(response);
    }

    public IReadOnlyList<RecordedCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    /// <summary>Waits (bounded) until <paramref name="count"/> calls of <paramref name="method"/> have arrived.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForAsync(string method, int count = 1, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => CallsTo(method).Count >= count, $"{count} call(s) to {method}", timeout);
        return CallsTo(method);
    }

    /// <summary>Waits (bounded) for the first call of <paramref name="method"/> that matches <paramref name="where"/>.</summary>
    public async Task<RecordedCall> WaitForAsync(string method, Func<RecordedCall, bool> where, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => CallsTo(method).Any(where), $"a matching call to {method}", timeout);
        return CallsTo(method).First(where);
    }

    private async Task WaitUntilAsync(Func<bool> arrived, string expected, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!arrived())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"expected {expected}; got: {string.Join(", ", Calls.Select(c => c.Method))}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropSockets();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var call = new RecordedCall(
            method,
            context.Request.Method,
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType,
            context.Request.QueryString.Value ?? "",
            body,
            TimeProvider.System.GetUtcNow());
        var outage = _outage;
        var stalled = _stall is { } stall && stall(call);
        // Marked before it is recorded, so a test never sees an outage's call as answered.
        call = call with { Outage = outage is not null || stalled };
        if (method == "chat.postMessage" && UniqueTimestamps) _postedTs[call] = $"1503435957.{Interlocked.Increment(ref _posts):D6}";
        _calls.Enqueue(call);
        if (stalled)
        {
            _stalled.Enqueue(call);
            await HoldUntilTheCallerGoesAsync(context.RequestAborted);
            return;
        }

        var response = outage ?? (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted) ? scripted
            : method == ConnectionsOpenMethod ? ConnectionsOpen()
            : method == "conversations.open" && DirectChannelPerUser ? OpenedFor(body)
            : method == "chat.postMessage" ? PostedTo(call)
            : Default(method));
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    private static async Task HoldUntilTheCallerGoesAsync(CancellationToken callerGone)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, callerGone);
        }
        catch (OperationCanceledException)
        {
            // The caller closed the connection (or the server is stopping): nothing to answer.
        }
    }

    /// <summary>chat.postMessage's fixture answer, naming the channel actually posted to, as Slack's own answer does.</summary>
    private FakeResponse PostedTo(RecordedCall post)
    {
        var answer = Default("chat.postMessage");
        var channel = TryChannel(post.Body);
        if (channel is null || System.Text.Json.Nodes.JsonNode.Parse(answer.Body) is not System.Text.Json.Nodes.JsonObject json) return answer;
        json["channel"] = channel;
        if (PostedTs(post) is { } ts)
        {
            json["ts"] = ts;
            if (json["message"] is System.Text.Json.Nodes.JsonObject message) message["ts"] = ts;
        }
        return answer with { Body = json.ToJsonString() };
    }

    private static FakeResponse OpenedFor(string requestBody) =>
        TryMember(requestBody, "users") is { } user
            ? new FakeResponse(200, new System.Text.Json.Nodes.JsonObject { ["ok"] = true, ["channel"] = new System.Text.Json.Nodes.JsonObject { ["id"] = DirectChannelOf(user) } }.ToJsonString())
            : Default("conversations.open");

    private static string? TryChannel(string requestBody) => TryMember(requestBody, "channel");

    private static string? TryMember(string requestBody, string member)
    {
        try
        {
            return (string?)System.Text.Json.Nodes.JsonNode.Parse(requestBody)?[member];
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The chat.update calls that edited a message in <paramref name="channel"/>.</summary>
    public IReadOnlyList<RecordedCall> UpdatesIn(string channel) => [.. CallsTo("chat.update").Where(c => c["channel"] == channel)];

    /// <summary>Waits (bounded) until <paramref name="count"/> chat.update calls have edited messages in <paramref name="channel"/>.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForUpdatesInAsync(string channel, int count = 1)
    {
        await WaitUntilAsync(() => UpdatesIn(channel).Count >= count, $"{count} chat.update call(s) in {channel}", null);
        return UpdatesIn(channel);
    }

    private static FakeResponse Default(string method) =>
        File.Exists(SlackFixtures.PathOf($"web.{method}.ok.json")) ? FakeResponse.Fixture($"web.{method}.ok.json") : new FakeResponse(200, """{"ok":true}""");
}
