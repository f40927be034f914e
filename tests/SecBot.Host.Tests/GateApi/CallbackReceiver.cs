using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace SecBot.Host.Tests.GateApi;

/// <summary>
/// A pipeline's callback endpoint on loopback: records every POST it receives (headers and raw body), and answers
/// the status codes scripted for it in order, then 200.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();
    private readonly Channel<ReceivedCallback> _received = Channel.CreateUnbounded<ReceivedCallback>();

    private CallbackReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<CallbackReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        foreach (var status in statuses) receiver._script.Enqueue(status);
        app.MapPost("/deploy/hook", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/deploy/hook");
        return receiver;
    }

    /// <summary>The next callback received (bounded by a hang guard).</summary>
    public async Task<ReceivedCallback> NextAsync()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        return await _received.Reader.ReadAsync(guard.Token);
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var status = _script.TryDequeue(out var scripted) ? scripted : StatusCodes.Status200OK;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        await _received.Writer.WriteAsync(new ReceivedCallback(headers, body.ToArray(), status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST the receiver got, and the status it answered.</summary>
internal sealed record ReceivedCallback(IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredWith);
