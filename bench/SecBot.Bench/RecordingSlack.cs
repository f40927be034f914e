using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecBot.Bench;

/// <summary>
/// A minimal Slack Web API on 127.0.0.1 for the chat-load benchmark (Slack transports): answers every method with a plausible success
/// (conversations.open gives a DM channel, chat.postMessage echoes the channel with a fresh ts) and records when each
/// chat.postMessage arrived and which incident it names. Nothing is scripted; nothing fails. Its Socket Mode side is in
/// RecordingSlack.SocketMode.cs.
/// </summary>
public sealed partial class RecordingSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Post> _posts = new();
    private long _ts;

    private RecordingSlack(WebApplication app) => _app = app;

    /// <summary>A chat.postMessage: when it arrived (unix ms, fractional), its channel, the first INC-n in its body.</summary>
    public sealed record Post(double ArrivedUnixMs, string Channel, long? Incident);

    /// <summary>The base to configure as <c>SecBot:Slack:ApiBaseUrl</c>, ending in <c>/api/</c>.</summary>
    public Uri ApiBase { get; private set; } = null!;

    public IReadOnlyList<Post> Posts => [.. _posts];

    public static async Task<RecordingSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new RecordingSlack(app);
        app.UseWebSockets();
        app.Map("/api/{method}", (Delegate)fake.HandleAsync);
        app.Map(SocketPath, fake.AcceptSocketAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.ApiBase = new Uri(address.TrimEnd('/') + "/api/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _sending.Dispose();
    }

    public static double UnixMsNow() => (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    private async Task HandleAsync(HttpContext context, string method)
    {
        var arrived = UnixMsNow();
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        string answer;
        switch (method)
        {
            case "chat.postMessage":
                var channel = ChannelOf(body);
                var match = IncidentKey().Match(body);
                _posts.Enqueue(new Post(arrived, channel, match.Success ? long.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : null));
                answer = JsonSerializer.Serialize(new { ok = true, channel, ts = Ts() });
                break;
            case "chat.update":
                answer = JsonSerializer.Serialize(new { ok = true, channel = ChannelOf(body), ts = Ts() });
                break;
            case "conversations.open":
                answer = """{"ok":true,"channel":{"id":"D0BENCHDM1"}}""";
                break;
            case "conversations.create":
                answer = JsonSerializer.Serialize(new { ok = true, channel = new { id = "C0BENCH" + Interlocked.Increment(ref _ts).ToString(System.Globalization.CultureInfo.InvariantCulture), name = "inc" } });
                break;
            case "apps.connections.open":
                answer = ConnectionsOpen();
                break;
            case "users.lookupByEmail":
                answer = """{"ok":true,"user":{"id":"U0BENCHUSR"}}""";
                break;
            default:
                answer = """{"ok":true}""";
                break;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer, context.RequestAborted);
    }

    private string Ts() => "1700000000." + Interlocked.Increment(ref _ts).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static string ChannelOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("channel", out var channel) ? channel.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"INC-(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex IncidentKey();
}
