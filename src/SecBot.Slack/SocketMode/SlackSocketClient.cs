using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;
using SecBot.Slack.Endpoints;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.SocketMode;

/// <summary>
/// Holds SecBot's Socket Mode connection (contract.md "Slack in Socket Mode"): asks apps.connections.open for a URL,
/// connects, and reads until Slack says <c>disconnect</c> (<c>refresh_requested</c>, <c>warning</c>, <c>link_disabled</c>)
/// or the socket drops, then connects again, after <see cref="SlackSocketBackoff"/> when it keeps failing. Each envelope
/// is handled on its own task, so a slow command never holds up another envelope's acknowledgement, and acknowledged as
/// soon as its handling answers (<see cref="SlackEnvelopeHandler"/>), well inside Slack's 3 seconds.
/// </summary>
internal sealed class SlackSocketClient(
    SlackWebApiClient connections, SlackEnvelopeHandler handler, SlackSocketStatus status, TimeProvider time, ILogger<SlackSocketClient> logger) : BackgroundService
{
    private const string Refresh = "refresh";

    private readonly SemaphoreSlim _sending = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string why;
            try
            {
                why = await ConnectOnceAsync(() => failures = 0, stoppingToken);
                if (why == Refresh) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // logged and retried: the connection must outlive any one failure, or Slack goes unheard
            catch (Exception e)
#pragma warning restore CA1031
            {
                why = $"{e.GetType().Name}: {e.Message}";
            }

            failures++;
            var delay = SlackSocketBackoff.Delay(failures, Random.Shared.NextDouble());
            SlackSocketLog.Dropped(logger, why, delay);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection, from apps.connections.open to its end; returns why it ended (<see cref="Refresh"/>: reconnect at once).</summary>
    private async Task<string> ConnectOnceAsync(Action helloReceived, CancellationToken stoppingToken)
    {
        var opened = await connections.OpenConnectionAsync(stoppingToken);
        if (!opened.IsSuccess || !Uri.TryCreate(opened.Value.Url, UriKind.Absolute, out var url) || (url.Scheme != "wss" && url.Scheme != "ws"))
        {
            var error = opened.IsSuccess ? $"no ws(s) URL in the answer: '{opened.Value.Url}'" : opened.Failure.Error;
            SlackSocketLog.OpenFailed(logger, error);
            return error;
        }

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, stoppingToken);
        try
        {
            return await ReadAsync(socket, helloReceived, stoppingToken);
        }
        finally
        {
            status.Closed();
            await CloseAsync(socket);
        }
    }

    private async Task<string> ReadAsync(ClientWebSocket socket, Action helloReceived, CancellationToken stoppingToken)
    {
        var buffer = new byte[16 * 1024];
        var greeted = false;
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, stoppingToken);
                if (received.MessageType == WebSocketMessageType.Close) return $"closed by Slack ({received.CloseStatus})";
                message.Write(buffer, 0, received.Count);
                if (message.Length > SlackInbound.MaxBodyBytes) return "a message over 1 MiB";
            }
            while (!received.EndOfMessage);

            var bytes = message.ToArray();
            switch (SlackEnvelope.Parse(bytes))
            {
                case null:
                    SlackSocketLog.Unreadable(logger, bytes.Length);
                    break;
                case { Type: SlackEnvelope.Hello }:
                    status.Opened();
                    greeted = true;
                    helloReceived();
                    SlackSocketLog.Connected(logger);
                    break;
                case { Type: SlackEnvelope.Disconnect } disconnect:
                    var reason = disconnect.Reason ?? "no reason";
                    SlackSocketLog.Disconnect(logger, reason);
                    // link_disabled: Socket Mode was turned off for the app; reconnecting at once would only spin, as it
                    // would for a connection told to go before it was ever greeted.
                    return greeted && reason != "link_disabled" ? Refresh : reason;
                case { } envelope:
                    _ = Task.Run(() => AnswerAsync(socket, envelope, stoppingToken), CancellationToken.None);
                    break;
            }
        }
    }

    private async Task AnswerAsync(ClientWebSocket socket, SlackEnvelope envelope, CancellationToken stoppingToken)
    {
        try
        {
            if (await handler.HandleAsync(envelope, stoppingToken) is not { } ack) return;
            await _sending.WaitAsync(stoppingToken);
            try
            {
                await socket.SendAsync(ack, WebSocketMessageType.Text, true, stoppingToken);
            }
            finally
            {
                _sending.Release();
            }
        }
#pragma warning disable CA1031 // logged: an envelope that is not acknowledged is delivered again, which is the recovery
        catch (Exception e)
#pragma warning restore CA1031
        {
            SlackSocketLog.AckFailed(logger, envelope.EnvelopeId ?? "-", e);
        }
    }

    private async Task CloseAsync(ClientWebSocket socket)
    {
        if (socket.State != WebSocketState.Open && socket.State != WebSocketState.CloseReceived) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The socket is going either way; a new one is opened next.
        }
    }

    public override void Dispose()
    {
        _sending.Dispose();
        base.Dispose();
    }
}
