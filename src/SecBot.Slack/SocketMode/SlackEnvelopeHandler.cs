using System.Text.Json;
using SecBot.Chat.Inbound;
using SecBot.Slack.Endpoints;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;

namespace SecBot.Slack.SocketMode;

/// <summary>
/// Runs a Socket Mode envelope through the same handling as its HTTP endpoint (the endpoint's <c>AnswerAsync</c>) and
/// says how to acknowledge it. Slack delivers an envelope again until it is acknowledged, so each <c>envelope_id</c> is
/// handled once (<see cref="DeliveryOnce"/>, source <see cref="Source"/>) on top of the endpoints' own keys (trigger id,
/// press, <c>event_id</c>): a redelivery is acknowledged and changes nothing. A failure that is SecBot's (what HTTP
/// answers 5xx) forgets the key and is not acknowledged, so Slack's redelivery is processed.
/// A redelivery that arrives while the first delivery is still being handled (its connection closed before the
/// acknowledgement went out) waits for it, briefly, and is then acknowledged as the duplicate it is.
/// </summary>
internal sealed class SlackEnvelopeHandler(
    SlackCommandEndpoint commands, SlackActionEndpoint actions, SlackEventEndpoint events, DeliveryOnce once, TimeProvider time, ILogger<SlackEnvelopeHandler> logger)
{
    public const string Source = "slack.envelope";

    private static readonly TimeSpan RunningPoll = TimeSpan.FromMilliseconds(100);
    private const int RunningPolls = 20;

    /// <summary>The acknowledgement to send (<c>{"envelope_id":…}</c>, with the answer as <c>payload</c> where allowed), or null for none.</summary>
    public async Task<byte[]?> HandleAsync(SlackEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (string.IsNullOrEmpty(envelope.EnvelopeId)) return null;
        if (envelope.PayloadJson is not { } payload)
        {
            SlackLog.Ignored(logger, envelope.Type, "a Socket Mode envelope with no payload");
            return Ack(envelope.EnvelopeId, null);
        }

        for (var poll = 0; ; poll++)
        {
            var (outcome, answer) = await RunOnceAsync(envelope.EnvelopeId, envelope.Type, payload, cancellationToken);
            if (outcome == InboundOutcome.Running && poll < RunningPolls)
            {
                await Task.Delay(RunningPoll, time, cancellationToken);
                continue;
            }

            return outcome switch
            {
                InboundOutcome.Handled when !answer.IsFailure => Ack(envelope.EnvelopeId, envelope.AcceptsResponsePayload && answer.Status == StatusCodes.Status200OK ? answer.Json : null),
                InboundOutcome.Duplicate => Ack(envelope.EnvelopeId, null),
                _ => null,
            };
        }
    }

    private async Task<(InboundOutcome Outcome, SlackAnswer Answer)> RunOnceAsync(string envelopeId, string type, string payload, CancellationToken cancellationToken)
    {
        var answer = SlackAnswer.Ok;
        var outcome = await once.RunAsync(
            Source,
            envelopeId,
            InboundMode.ForgetUnlessCommitted,
            async progress =>
            {
                answer = await AnswerAsync(type, payload, cancellationToken);
                if (!answer.IsFailure) progress.Committed();
            },
            cancellationToken);
        return (outcome, answer);
    }

    private Task<SlackAnswer> AnswerAsync(string type, string payload, CancellationToken cancellationToken) => type switch
    {
        SlackEnvelope.SlashCommands => SlackEnvelope.Fields(payload) is { } fields
            ? commands.AnswerAsync(fields, type, cancellationToken)
            : Task.FromResult(SlackInbound.BadRequest("the slash command's payload holds a string that is not text")),
        SlackEnvelope.Interactive => actions.AnswerAsync(InteractionParser.ParseJson(payload), type, cancellationToken),
        SlackEnvelope.EventsApi => events.AnswerAsync(EventsApiParser.Parse(payload), type, cancellationToken),
        _ => Ignore(type),
    };

    private Task<SlackAnswer> Ignore(string type)
    {
        SlackLog.Ignored(logger, type, "a Socket Mode envelope type SecBot does not handle");
        return Task.FromResult(SlackAnswer.Ok);
    }

    private static byte[] Ack(string envelopeId, string? payloadJson)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("envelope_id", envelopeId);
            if (payloadJson is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payloadJson);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
