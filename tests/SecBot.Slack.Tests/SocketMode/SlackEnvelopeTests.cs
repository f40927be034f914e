using System.Text;
using SecBot.Slack.SocketMode;

namespace SecBot.Slack.Tests.SocketMode;

/// <summary>Socket Mode messages shaped as Slack's Socket Mode documentation shows them.</summary>
public sealed class SlackEnvelopeTests
{
    [Fact]
    public void Reads_hello_disconnect_and_an_envelope()
    {
        var hello = Parse("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-1"},"connection_info":{"app_id":"A111"}}""");
        var disconnect = Parse("""{"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"applink-1"}}""");
        var envelope = Parse("""{"envelope_id":"57d6a792-4d35-4d0b-b6aa-3361493e1caf","payload":{"command":"/secbot"},"type":"slash_commands","accepts_response_payload":true}""");

        Assert.Equal(SlackEnvelope.Hello, hello!.Type);
        Assert.Equal(("disconnect", "refresh_requested"), (disconnect!.Type, disconnect.Reason));
        Assert.Equal(("slash_commands", "57d6a792-4d35-4d0b-b6aa-3361493e1caf", true), (envelope!.Type, envelope.EnvelopeId, envelope.AcceptsResponsePayload));
        Assert.Equal("""{"command":"/secbot"}""", envelope.PayloadJson);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"envelope_id":"x"}""")]
    public void Something_that_is_not_a_typed_object_is_null(string text)
    {
        Assert.Null(Parse(text));
    }

    [Fact]
    public void A_slash_commands_payload_reads_as_the_form_fields_it_replaces()
    {
        var fields = SlackEnvelope.Fields("""{"command":"/secbot","text":"declare x","is_enterprise_install":false,"enterprise_id":null}""")!;

        Assert.Equal("/secbot", fields["command"]);
        Assert.Equal("declare x", fields["text"]);
        Assert.Equal("false", fields["is_enterprise_install"]);
        Assert.Equal("", fields["enterprise_id"]);
    }

    // Found by the fuzz properties: these threw (InvalidOperationException) out of the socket's read loop and the handler.
    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0xE2, 0x82, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0x68, 0x22, 0x2C, 0x22, 0x72, 0x65, 0x61, 0x73, 0x6F, 0x6E, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })]
    public void A_message_whose_strings_are_not_utf8_is_skipped_not_thrown(byte[] bytes)
    {
        Assert.Null(SlackEnvelope.Parse(bytes));
    }

    [Fact]
    public void A_slash_commands_payload_with_an_unpaired_surrogate_is_not_a_form()
    {
        Assert.Null(SlackEnvelope.Fields("""{"command":"/secbot","text":"\ud800"}"""));
    }

    private static SlackEnvelope? Parse(string text) => SlackEnvelope.Parse(Encoding.UTF8.GetBytes(text));
}
