using System.Diagnostics;
using System.Globalization;
using System.Text;
using SecBot.Slack.Verification;

namespace SecBot.Bench;

/// <summary>Slack for chat-load: the recording fake Slack, reached over HTTP slash commands or Socket Mode envelopes.</summary>
public sealed class SlackLoadPlatform : ILoadPlatform
{
    public const string SigningSecret = "bench-signing-secret";
    public const string IncidentsChannel = "C0INCIDENTS";

    private readonly RecordingSlack _slack;
    private readonly bool _socketMode;

    private SlackLoadPlatform(RecordingSlack slack, bool socketMode)
    {
        _slack = slack;
        _socketMode = socketMode;
    }

    public static async Task<SlackLoadPlatform> StartAsync(bool socketMode) => new(await RecordingSlack.StartAsync(), socketMode);

    public string Describe() => $"fake Slack Web API: {_slack.ApiBase}";

    public IReadOnlyList<string> HostArguments =>
    [
        $"--SecBot:Slack:SigningSecret={SigningSecret}",
        "--SecBot:Slack:BotToken=xoxb-bench",
        $"--SecBot:Slack:ApiBaseUrl={_slack.ApiBase}",
        $"--SecBot:Slack:IncidentsChannel={IncidentsChannel}",
        .. _socketMode ? ["--SecBot:Slack:AppToken=xapp-bench"] : Array.Empty<string>(),
    ];

    public string? DeliveryPacing => null;

    public async Task<ICommandTransport> ConnectAsync(IServiceProvider services, Uri host)
    {
        if (!_socketMode) return new HttpCommandTransport(host);
        await _slack.WaitForSocketAsync(TimeSpan.FromSeconds(30));
        return new SocketCommandTransport(_slack);
    }

    public Task<string> MeasureVerificationAsync(IServiceProvider services)
    {
        const int calls = 20_000;
        var verifier = new SlackRequestVerifier(SigningSecret, TimeProvider.System);
        var body = Encoding.UTF8.GetBytes(string.Join('&', SlackDeclare.Form(1, "Suspicious sign-in burst on vpn-gw-1 (load 1)").Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value))));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = verifier.Sign(timestamp, body);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++) verifier.Verify(timestamp, signature, body);
        var each = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
        return Task.FromResult(string.Create(CultureInfo.InvariantCulture,
            $"request verification (SlackRequestVerifier.Verify: v0 HMAC-SHA256 of a declare's form, timestamp window): {each:N1} µs per request ({calls:N0} serial calls)"));
    }

    /// <summary>Each chat.postMessage to a DM channel (D...) naming an incident.</summary>
    public IReadOnlyList<PageArrival> Pages() =>
        [.. _slack.Posts.Where(p => p.Incident is not null && p.Channel.StartsWith('D')).Select(p => new PageArrival(p.ArrivedUnixMs, p.Incident!.Value))];

    public ValueTask DisposeAsync() => _slack.DisposeAsync();
}
