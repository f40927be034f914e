using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Tests.Support;
using SecBot.Slack.Verification;
using SecBot.Storage;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// The real host on loopback with Slack configured against a <see cref="FakeSlackServer"/>, and a client that
/// signs requests the way Slack does (slack-protocol.md §1) by the host's clock, which is the real one. It serves the
/// workspace and app of <see cref="SlackPayloads"/> (<c>SecBot:Slack:TeamId</c>, <c>AppId</c>), so every test
/// passes the installation check; a later <c>--SecBot:Slack:TeamId=</c> setting turns it off.
/// </summary>
internal sealed class SlackHost : IHostUnderTest, IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret";
    public const string IncidentsChannel = "C0INCIDENTS";

    private readonly TempDirectory _dir;
    private static readonly SlackRequestVerifier Signer = new(SigningSecret, TimeProvider.System);

    private SlackHost(TempDirectory dir, FakeSlackServer slack, RunningHost host)
    {
        _dir = dir;
        Slack = slack;
        Host = host;
    }

    public FakeSlackServer Slack { get; }

    public RunningHost Host { get; }

    /// <param name="settings">More <c>--Key=value</c> arguments, e.g. <c>--SecBot:Slack:PerIncidentChannels=true</c>.</param>
    public static Task<SlackHost> StartAsync(Action<FakeSlackServer>? script = null, params string[] settings) =>
        StartWithAsync(script, [$"--SecBot:Slack:SigningSecret={SigningSecret}", .. settings]);

    /// <summary>The host on <paramref name="clock"/> (e.g. a <see cref="WatchedClock"/> the test moves); requests are signed by it too.</summary>
    public static Task<SlackHost> StartOnClockAsync(TimeProvider clock, Action<FakeSlackServer>? script = null, params string[] settings) =>
        StartWithAsync(script, [$"--SecBot:Slack:SigningSecret={SigningSecret}", .. settings], clock);

    /// <summary>The host in Socket Mode only (an app token, no signing secret): Slack reaches it over the fake's WebSocket.</summary>
    public static Task<SlackHost> StartSocketModeAsync(Action<FakeSlackServer>? script = null, params string[] settings) =>
        StartWithAsync(script, [$"--SecBot:Slack:AppToken={AppToken}", .. settings]);

    public const string AppToken = "xapp-1-A111-test";

    private static async Task<SlackHost> StartWithAsync(Action<FakeSlackServer>? script, string[] settings, TimeProvider? clock = null)
    {
        var dir = new TempDirectory();
        var slack = await FakeSlackServer.StartAsync();
        script?.Invoke(slack);
        var host = await RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir),
            dir.File("secbot.db"),
            clock,
            services => services.DecorateStore(store => new FaultyStore(store)),
            [
                "--SecBot:Slack:BotToken=xoxb-test",
                $"--SecBot:Slack:ApiBaseUrl={slack.ApiBase}",
                $"--SecBot:Slack:IncidentsChannel={IncidentsChannel}",
                $"--SecBot:Slack:TeamId={SlackPayloads.TeamId}",
                $"--SecBot:Slack:AppId={SlackPayloads.AppId}",
                "--SecBot:Slack:Resilience:BaseDelay=00:00:00.05",
                "--SecBot:Slack:Resilience:MaxDelay=00:00:00.2",
                .. settings,
            ]);
        return new SlackHost(dir, slack, host);
    }

    /// <summary>The host's store, through which a test fails chosen writes (<see cref="FaultyStore.FailWhen"/>); nothing in the host is replaced.</summary>
    public FaultyStore Faults => (FaultyStore)Host.App.Services.GetRequiredService<IStore>();

    /// <summary>Now, by the host's clock.</summary>
    public DateTimeOffset Now => Host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>POSTs <paramref name="body"/> signed now, or as of <paramref name="signedAt"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, DateTimeOffset? signedAt = null, string? signature = null, int? retryNum = null)
    {
        using var request = Signed(path, body, contentType, signedAt ?? Now, signature);
        if (retryNum is { } n)
        {
            request.Headers.Add(SlackHeaders.RetryNum, n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SlackHeaders.RetryReason, "http_timeout");
        }

        return await Host.Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> CommandAsync(string text, string userId = "U0MAYA0001", string channelId = "C0GENERAL", string? triggerId = null) =>
        PostAsync("/slack/command", SlackPayloads.SlashCommand(text, userId, channelId, triggerId), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> ActionAsync(string payloadJson) =>
        PostAsync("/slack/action", "payload=" + Uri.EscapeDataString(payloadJson), "application/x-www-form-urlencoded");

    /// <summary>A button press signed with <see cref="SigningSecret"/> as of <paramref name="now"/>, to a host that runs Slack beside another platform.</summary>
    public static async Task<HttpResponseMessage> ActionAsync(HttpClient http, DateTimeOffset now, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = Signed("/slack/action", "payload=" + Uri.EscapeDataString(payloadJson), "application/x-www-form-urlencoded", now, null);
        return await http.SendAsync(request);
    }

    private static HttpRequestMessage Signed(string path, string body, string contentType, DateTimeOffset signedAt, string? signature)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, signature ?? Signer.Sign(timestamp, bytes));
        return request;
    }

    public Task<HttpResponseMessage> EventAsync(string json, int? retryNum = null) =>
        PostAsync("/slack/event", json, "application/json", retryNum: retryNum);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
        _dir.Dispose();
    }
}
