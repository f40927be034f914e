using System.Net;
using System.Text.Json.Nodes;
using SecBot.Slack.Rendering;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// contract.md "Bad requests": a correctly signed body that is malformed in a way the JSON parser alone does not
/// catch is still a 400 with a JSON error, never a 500, and records nothing.
/// </summary>
public sealed class SlackBadInputTests
{
    public static TheoryData<string, string> SignedButMalformed => new()
    {
        // An unpaired surrogate escape: JsonElement.GetString throws InvalidOperationException, not JsonException.
        { "/slack/event", """{"type":"\ud800"}""" },
        { "/slack/event", """{"type":"event_callback","event_id":"\udc00","event":{"type":"message"}}""" },
        { "/slack/action", "payload=" + Uri.EscapeDataString("""{"type":"\ud800"}""") },
        // Blank event ids cannot be recorded as idempotency keys.
        { "/slack/event", SlackPayloads.DirectMessage("", "U0MAYA0001", "help") },
        { "/slack/event", SlackPayloads.DirectMessage(" ", "U0MAYA0001", "help") },
        // Nulls where SecBot's own round-tripped JSON has none, signed as SecBot signs its modal states.
        { "/slack/action", Form(SlackPayloads.ViewSubmission("U0MAYA0001", ModalRenderer.CallbackId, Signed("""{"kind":"button","name":"approve","inputs":null}"""), new Dictionary<string, string> { ["reason"] = "x" })) },
        { "/slack/action", Form(SlackPayloads.ViewSubmission("U0MAYA0001", ModalRenderer.CallbackId, Signed("""{"kind":null,"name":"approve"}"""), new Dictionary<string, string>())) },
        { "/slack/action", Form(SlackPayloads.ViewSubmission("U0MAYA0001", ModalRenderer.CallbackId, Signed("""{"kind":"button","name":"approve","inputs":[null]}"""), new Dictionary<string, string>())) },
        { "/slack/action", Form(SlackPayloads.ViewSubmission("U0MAYA0001", ModalRenderer.CallbackId, Signed("""{"kind":"form","name":"declare","value":"\ud800"}"""), new Dictionary<string, string>())) },
        { "/slack/action", Form(SlackPayloads.BlockActions("U0MAYA0001", "review.approve", """form:{"value":"REV-1","asks":null}""", "C0GENERAL", "1503435956.000247")) },
        { "/slack/action", Form(SlackPayloads.BlockActions("U0MAYA0001", "review.approve", """form:{"value":null,"asks":[]}""", "C0GENERAL", "1503435956.000247")) },
    };

    [Theory]
    [MemberData(nameof(SignedButMalformed))]
    public async Task A_signed_body_with_nulls_blank_ids_or_unpaired_surrogates_is_400_with_a_json_error_and_records_nothing(string path, string body)
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.PostAsync(path, body, path == "/slack/event" ? "application/json" : "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]));
        Assert.Empty(await slack.InboundKeysAsync());
        Assert.Empty(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task A_submitted_input_whose_state_is_null_is_blank_not_a_crash()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("declare");
        var view = Assert.Single(slack.Slack.CallsTo("views.open")).Json!["view"]!;
        var payload = JsonNode.Parse(SlackPayloads.ViewSubmission("U0MAYA0001", (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["title"] = "x" }))!;
        payload["view"]!["state"]!["values"]!["title"] = null;

        using var response = await slack.ActionAsync(payload.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)answer["response_action"]);
        Assert.NotNull(answer["errors"]!["title"]);
    }

    private static string Form(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);

    private static string Signed(string stateJson) => new ModalMetadata(SlackHost.SigningSecret).Sign(stateJson);
}
