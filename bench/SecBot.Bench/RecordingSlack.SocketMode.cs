using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SecBot.Bench;

/// <summary>
/// The fake Slack's Socket Mode side: <c>apps.connections.open</c> answers a <c>ws://</c> URL on this server; a connection
/// there is greeted with <c>hello</c>, then carries the envelopes the load driver sends and brings back SecBot's
/// acknowledgements, each handed to the sender waiting on its <c>envelope_id</c>.
/// </summary>
public sealed partial class RecordingSlack
{
    private const string SocketPath = "/link";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _awaitingAck = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource<WebSocket> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits (bounded) until SecBot has connected and been greeted.</summary>
    public Task WaitForSocketAsync(TimeSpan timeout) => _connected.Task.WaitAsync(timeout, TimeProvider.System);

    /// <summary>Sends one envelope; completes with the text of SecBot's acknowledgement of it.</summary>
    public async Task<string> SendEnvelopeAsync(string envelopeId, string json)
    {
        var socket = await _connected.Task;
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _awaitingAck[envelopeId] = ack;
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }

        return await ack.Task;
    }

    private string ConnectionsOpen()
    {
        var url = new UriBuilder(ApiBase) { Scheme = "ws", Path = SocketPath, Query = "ticket=" + Interlocked.Increment(ref _ts).ToString(CultureInfo.InvariantCulture) }.Uri;
        return JsonSerializer.Serialize(new { ok = true, url = url.ToString() });
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await socket.SendAsync("""{"type":"hello","num_connections":1,"connection_info":{"app_id":"A0BENCH"}}"""u8.ToArray(), WebSocketMessageType.Text, true, context.RequestAborted);
        // The benchmark holds one connection for its whole run; a second one (a reconnect) would be a failure to report.
        if (!_connected.TrySetResult(socket)) throw new InvalidOperationException("SecBot opened a second Socket Mode connection during the benchmark");
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                WebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (received.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                if (EnvelopeIdOf(text) is { } id && _awaitingAck.TryRemove(id, out var ack)) ack.TrySetResult(text);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // SecBot closed the connection as the host stopped.
        }
    }

    private static string? EnvelopeIdOf(string ack)
    {
        try
        {
            using var json = JsonDocument.Parse(ack);
            return json.RootElement.TryGetProperty("envelope_id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
