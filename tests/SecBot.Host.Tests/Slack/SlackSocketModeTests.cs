using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// Slack over Socket Mode (contract.md "Slack in Socket Mode"): the host opens a WebSocket to the fake Slack, which
/// sends envelopes and records acknowledgements. Behaviour is the HTTP endpoints', a redelivery changes state once, and
/// reconnecting (asked for, or after a drop) loses nothing.
/// </summary>
public sealed class SlackSocketModeTests
{
    [Fact]
    public async Task A_declare_over_socket_mode_pages_the_on_call_person_and_its_reply_travels_in_the_ack()
    {
        await using var slack = await SlackHost.StartSocketModeAsync();
        await slack.Slack.WaitForConnectionsAsync(1);
        var envelopeId = SocketModeEnvelopes.NewEnvelopeId();

        await slack.Slack.SendAsync(SocketModeEnvelopes.SlashCommand(envelopeId, "declare Suspicious login"));

        var ack = Assert.Single(await slack.Slack.WaitForAckAsync(envelopeId));
        Assert.Equal("in_channel", (string?)ack["payload"]?["response_type"]);
        Assert.Contains("INC-1", (string?)ack["payload"]?["text"], StringComparison.Ordinal);
        var paged = await OnCallPolicy.PagedAsync(slack.Host.App.Services, 1, "L1");
        var opened = await slack.Slack.WaitForAsync("conversations.open", paged.Count);
        Assert.Equal(paged.Select(p => p.SlackUserId).Order(StringComparer.Ordinal), opened.Select(c => c["users"]).Order(StringComparer.Ordinal));
        Assert.Contains(await slack.Slack.WaitForAsync("chat.postMessage", 2), p => p["channel"] == SlackHost.IncidentsChannel);
        var open = Assert.Single(slack.Slack.CallsTo(FakeSlackServer.ConnectionsOpenMethod));
        Assert.Equal($"Bearer {SlackHost.AppToken}", open.Authorization);
        Assert.All(slack.Slack.Calls.Where(c => c.Method != FakeSlackServer.ConnectionsOpenMethod), c => Assert.Equal("Bearer xoxb-test", c.Authorization));
    }

    [Fact]
    public async Task A_button_pressed_over_socket_mode_updates_its_message_as_over_http()
    {
        await using var slack = await SlackHost.StartSocketModeAsync();
        await slack.Slack.WaitForConnectionsAsync(1);
        await slack.Slack.SendAsync(SocketModeEnvelopes.SlashCommand(SocketModeEnvelopes.NewEnvelopeId(), "declare Suspicious login"));
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();
        var press = SocketModeEnvelopes.Interactive(SocketModeEnvelopes.NewEnvelopeId(), SlackPayloads.BlockActions(paged, "incident.ack", "INC-1", "D069C7QFK", "1503435956.000247"));

        await slack.Slack.SendAsync(press);

        var ack = Assert.Single(await slack.Slack.WaitForAckAsync((string)press["envelope_id"]!));
        Assert.Null(ack["payload"]);
        var update = Assert.Single(await slack.Slack.WaitForUpdatesInAsync("D069C7QFK"));
        Assert.Equal(("D069C7QFK", "1503435956.000247"), (update["channel"], update["ts"]));
        Assert.Contains("acknowledged", update.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_no_signing_secret_the_slack_endpoints_answer_404()
    {
        await using var slack = await SlackHost.StartSocketModeAsync();

        using var response = await slack.Host.Http.PostAsync(new Uri("/slack/command", UriKind.Relative), new StringContent("command=%2Fsecbot"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_a_signing_secret_as_well_both_the_endpoints_and_the_socket_answer()
    {
        await using var slack = await SlackHost.StartAsync(settings: $"--SecBot:Slack:AppToken={SlackHost.AppToken}");
        await slack.Slack.WaitForConnectionsAsync(1);
        var envelopeId = SocketModeEnvelopes.NewEnvelopeId();

        using var overHttp = await slack.CommandAsync("declare Suspicious login");
        await slack.Slack.SendAsync(SocketModeEnvelopes.SlashCommand(envelopeId, "declare Malware on a laptop"));

        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.Contains("INC-", (string?)Assert.Single(await slack.Slack.WaitForAckAsync(envelopeId))["payload"]?["text"], StringComparison.Ordinal);
        Assert.Equal(2, (await slack.IncidentsAsync()).Count);
    }

    [Fact]
    public async Task Envelopes_redelivered_after_a_dropped_connection_change_state_once()
    {
        await using var slack = await SlackHost.StartSocketModeAsync();
        await slack.Slack.WaitForConnectionsAsync(1);
        var command = SocketModeEnvelopes.SlashCommand(SocketModeEnvelopes.NewEnvelopeId(), "declare Suspicious login");
        var direct = SlackPayloads.DirectMessage("Ev0SOCKET01", "U0MAYA0001", "declare Phishing wave");
        var eventEnvelope = SocketModeEnvelopes.EventsApi(SocketModeEnvelopes.NewEnvelopeId(), direct);
        await slack.Slack.SendAsync(command);
        await slack.Slack.SendAsync(eventEnvelope);
        await slack.Slack.WaitForAckAsync((string)command["envelope_id"]!);
        await slack.Slack.WaitForAckAsync((string)eventEnvelope["envelope_id"]!);

        slack.Slack.Drop();
        await slack.Slack.WaitForConnectionsAsync(2);
        // Slack delivers again what it is unsure of: the same envelopes, and the event under a new envelope as a retry.
        await slack.Slack.SendAsync(command);
        await slack.Slack.SendAsync(eventEnvelope);
        var retry = SocketModeEnvelopes.EventsApi(SocketModeEnvelopes.NewEnvelopeId(), direct, retryAttempt: 1);
        await slack.Slack.SendAsync(retry);
        await slack.Slack.WaitForAckAsync((string)command["envelope_id"]!, 2);
        await slack.Slack.WaitForAckAsync((string)eventEnvelope["envelope_id"]!, 2);
        await slack.Slack.WaitForAckAsync((string)retry["envelope_id"]!);
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal(2, (await slack.IncidentsAsync()).Count);
        Assert.Equal(3, (await slack.InboundKeysAsync()).Count(k => k.Source == "slack.envelope"));
        Assert.Single(await slack.InboundKeysAsync(), k => k.Source == "slack.event");
        Assert.Equal(2, slack.Slack.CallsTo(FakeSlackServer.ConnectionsOpenMethod).Count);
    }

    [Fact]
    public async Task A_disconnect_refresh_requested_opens_a_new_connection_and_loses_nothing()
    {
        await using var slack = await SlackHost.StartSocketModeAsync();
        await slack.Slack.WaitForConnectionsAsync(1);
        var before = SocketModeEnvelopes.SlashCommand(SocketModeEnvelopes.NewEnvelopeId(), "declare Suspicious login");

        await slack.Slack.SendAsync(before);
        await slack.Slack.SendDisconnectAsync("refresh_requested");
        await slack.Slack.WaitForConnectionsAsync(2);
        // An envelope sent as the old connection closed may not have been acknowledged there; Slack sends it again.
        await slack.Slack.SendAsync(before);
        var after = SocketModeEnvelopes.SlashCommand(SocketModeEnvelopes.NewEnvelopeId(), "declare Malware on a laptop");
        await slack.Slack.SendAsync(after);

        await slack.Slack.WaitForAckAsync((string)before["envelope_id"]!);
        var ack = Assert.Single(await slack.Slack.WaitForAckAsync((string)after["envelope_id"]!));
        Assert.Contains("INC-2", (string?)ack["payload"]?["text"], StringComparison.Ordinal);
        Assert.Equal(2, (await slack.IncidentsAsync()).Count);
        Assert.Equal(2, slack.Slack.CallsTo(FakeSlackServer.ConnectionsOpenMethod).Count);
    }

    [Fact]
    public async Task An_envelope_whose_handling_fails_is_not_acknowledged_and_its_redelivery_is_processed()
    {
        await using var slack = await SlackHost.StartSocketModeAsync();
        await slack.Slack.WaitForConnectionsAsync(1);
        // The failure is injected by the host's own store; forgotten keys are noted so the test sees the attempt end.
        slack.Faults.Watch = true;
        slack.Faults.FailWhen = StoreChange.Declares;
        var envelope = SocketModeEnvelopes.EventsApi(SocketModeEnvelopes.NewEnvelopeId(), SlackPayloads.DirectMessage("Ev0SOCKFAIL", "U0MAYA0001", "declare Phishing wave"));

        await slack.Slack.SendAsync(envelope);
        await WaitUntilAsync(() => Task.FromResult(slack.Faults.Forgotten.Count(k => k.Source == "slack.envelope") == 1));
        slack.Faults.FailWhen = null;
        await slack.Slack.SendAsync(envelope);

        Assert.Single(await slack.Slack.WaitForAckAsync((string)envelope["envelope_id"]!));
        Assert.Single(slack.Faults.Forgotten, k => k.Source == "slack.event");
        Assert.Single(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task Readyz_fails_until_the_socket_is_open()
    {
        await using var slack = await SlackHost.StartSocketModeAsync(fake => fake.HoldHello());
        await WaitUntilAsync(() => Task.FromResult(slack.Slack.ConnectionsAccepted >= 1));

        using (var before = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        }

        slack.Slack.ReleaseHello();
        await WaitUntilAsync(async () =>
        {
            using var ready = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
            return ready.StatusCode == HttpStatusCode.OK;
        });
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (hangGuard.IsCancellationRequested) throw new TimeoutException("the condition never held");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        }
    }
}
