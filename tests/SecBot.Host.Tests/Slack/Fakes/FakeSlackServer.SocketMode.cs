using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SecBot.Testing.Slack;

/// <summary>
/// Slack's Socket Mode side of the fake: <c>apps.connections.open</c> answers a <c>ws://</c> URL on this server, and
/// a connection there is greeted with <c>hello</c> (once <see cref="ReleaseHello"/> allows it, if <see cref="HoldHello"/>
/// held it back), is sent the envelopes a test gives, and has every acknowledgement it answers recorded.
/// A test can drop the connection or ask for a refresh, as Slack does.
/// </summary>
internal sealed partial class FakeSlackServer
{
    public const string ConnectionsOpenMethod = "apps.connections.open";
    private const string SocketPath = "/link";

    private readonly ConcurrentQueue<JsonNode> _acks = new();
    private readonly ConcurrentQueue<SocketConnection> _sockets = new();
    private TaskCompletionSource _hello = CompletedGate();
    private int _tickets;

    /// <summary>Every acknowledgement SecBot sent, in order, over any connection.</summary>
    public IReadOnlyList<JsonNode> Acks => [.. _acks];

    /// <summary>Connections SecBot opened that were greeted with hello (and so may carry envelopes).</summary>
    public int Connections => _sockets.Count(s => s.Greeted);

    /// <summary>Connections SecBot opened, greeted or not.</summary>
    public int ConnectionsAccepted => _sockets.Count;

    /// <summary>New connections wait for <see cref="ReleaseHello"/> before Slack says hello.</summary>
    public void HoldHello() => _hello = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseHello() => _hello.TrySetResult();

    /// <summary>Sends <paramref name="message"/> over the newest greeted connection.</summary>
    public Task SendAsync(JsonNode message) => Newest().SendAsync(message.ToJsonString());

    /// <summary>Slack asking SecBot to reconnect, as it does before it recycles a connection.</summary>
    public Task SendDisconnectAsync(string reason = "refresh_requested") =>
        SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "fake-slack" } });

    /// <summary>Drops the newest connection without a close handshake, as a network failure would.</summary>
    public void Drop() => Newest().Abort();

    public IReadOnlyList<JsonNode> AcksOf(string envelopeId) => [.. _acks.Where(a => (string?)a["envelope_id"] == envelopeId)];

    /// <summary>Waits (bounded) for <paramref name="count"/> acknowledgements of <paramref name="envelopeId"/>.</summary>
    public async Task<IReadOnlyList<JsonNode>> WaitForAckAsync(string envelopeId, int count = 1)
    {
        await WaitUntilAsync(() => AcksOf(envelopeId).Count >= count, $"{count} ack(s) of envelope {envelopeId}", null);
        return AcksOf(envelopeId);
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> connections have been greeted.</summary>
    public Task WaitForConnectionsAsync(int count) => WaitUntilAsync(() => Connections >= count, $"{count} Socket Mode connection(s)", null);

    private SocketConnection Newest() => _sockets.LastOrDefault(s => s.Greeted && !s.Closed) ?? throw new InvalidOperationException("no Socket Mode connection is open");

    private void DropSockets()
    {
        foreach (var socket in _sockets) socket.Abort();
    }

    private FakeResponse ConnectionsOpen()
    {
        var ticket = Interlocked.Increment(ref _tickets).ToString(CultureInfo.InvariantCulture);
        var url = new UriBuilder(ApiBase) { Scheme = "ws", Path = SocketPath, Query = "ticket=" + ticket }.Uri;
        return new FakeResponse(200, new JsonObject { ["ok"] = true, ["url"] = url.ToString() }.ToJsonString());
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new SocketConnection(socket, context);
        _sockets.Enqueue(connection);
        await _hello.Task.WaitAsync(context.RequestAborted);
        await connection.SendAsync("""{"type":"hello","num_connections":1,"debug_info":{"host":"fake-slack","approximate_connection_time":18060},"connection_info":{"app_id":"A111"}}""");
        connection.Greeted = true;
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (received.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);
                if (JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) is { } ack) _acks.Enqueue(ack);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Dropped, by the test or by SecBot reconnecting.
        }
        finally
        {
            connection.Closed = true;
        }
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    private sealed class SocketConnection(WebSocket socket, HttpContext context)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public bool Greeted { get; set; }

        /// <summary>Its request has ended; its context may no longer be touched.</summary>
        public bool Closed { get; set; }

        public async Task SendAsync(string json)
        {
            await _sending.WaitAsync();
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }

        public void Abort()
        {
            if (!Closed) context.Abort();
        }
    }
}
