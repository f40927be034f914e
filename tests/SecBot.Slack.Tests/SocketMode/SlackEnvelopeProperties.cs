using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecBot.Slack.SocketMode;
using SecBot.Slack.Tests.Support;
using SecBot.Testing.Properties;

namespace SecBot.Slack.Tests.SocketMode;

/// <summary>
/// Socket Mode messages built from the real captures, spoiled one way at a time, and arbitrary bytes: reading one never
/// throws, and the payload of whatever is read can be taken apart as the HTTP form it replaces.
/// </summary>
public sealed class SlackEnvelopeProperties
{
    [Property(MaxTest = 3_000)]
    public Property Any_socket_message_is_read_or_skipped_without_throwing() =>
        Prop.ForAll(MutatedGen.JsonOrNoise(SlackSeeds.Envelopes), bytes =>
        {
            if (SlackEnvelope.Parse(bytes) is not { } envelope) return true;
            if (envelope.PayloadJson is { } payload) _ = SlackEnvelope.Fields(payload);
            return envelope.Type is not null;
        });

    [Fact]
    public void Every_capture_travels_in_an_envelope_and_comes_out_whole()
    {
        foreach (var bytes in SlackSeeds.Envelopes)
        {
            var envelope = SlackEnvelope.Parse(bytes);

            Assert.NotNull(envelope);
            if (envelope.EnvelopeId is not null) Assert.NotEmpty(Assert.IsType<Dictionary<string, string>>(SlackEnvelope.Fields(Assert.IsType<string>(envelope.PayloadJson))));
        }
    }
}
