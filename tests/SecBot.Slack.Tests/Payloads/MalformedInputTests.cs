using SecBot.Chat.Cards;
using SecBot.Slack.Payloads;
using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;
using SecBot.Slack.Rendering;

namespace SecBot.Slack.Tests.Payloads;

/// <summary>
/// contract.md "Bad requests": input the JSON parser accepts but the code cannot use (unpaired surrogates, blank
/// ids, nulls in SecBot's own round-tripped JSON) is a parse failure (400), never an exception (500).
/// </summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("""{"type":"\ud800"}""")]
    [InlineData("""{"type":"\udc00x"}""")]
    [InlineData("""{"type":"event_callback","event_id":"\ud800","event":{"type":"message"}}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","text":"\ud800","channel":"C1"}}""")]
    public void An_unpaired_surrogate_in_an_events_body_is_a_failure_not_an_exception(string json)
    {
        var parsed = EventsApiParser.Parse(json);

        Assert.False(parsed.IsSuccess);
        Assert.Contains("malformed", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unpaired_surrogate_in_an_interactivity_payload_is_a_failure_not_an_exception()
    {
        var parsed = InteractionParser.ParseForm("payload=" + Uri.EscapeDataString("""{"type":"\ud800"}"""));

        Assert.False(parsed.IsSuccess);
    }

    // Found by the HTTP fuzz test: a blank trigger_id (the command's deduplication key) was a 500.
    [Theory]
    [InlineData("trigger_id=%09")]
    [InlineData("trigger_id=+")]
    [InlineData("user_id=%20")]
    public void A_slash_command_whose_required_field_is_blank_is_a_failure(string blank)
    {
        var form = "command=%2Fsecbot&text=status&user_id=U1&channel_id=C1&trigger_id=1.2.3";
        var name = blank[..blank.IndexOf('=', StringComparison.Ordinal)];
        var parsed = SlashCommandParser.Parse(string.Join('&', form.Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)).Append(blank)));

        Assert.False(parsed.IsSuccess);
        Assert.Equal($"slash command has no {name}", parsed.Error);
    }

    // Found by the fuzz properties: an absent member was read as null (the source-generated reader skips the default), so
    // records that say "never null" held null.
    [Fact]
    public void A_view_submission_without_response_urls_or_state_values_reads_as_none()
    {
        var parsed = InteractionParser.ParseJson("""{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","state":{}}}""");

        var submission = Assert.IsType<ViewSubmissionPayload>(parsed.Value);
        Assert.Empty(submission.ResponseUrls);
        Assert.Empty(submission.View.State!.Values);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\\t")]
    public void A_blank_event_id_is_a_failure_because_it_cannot_be_the_deduplication_key(string eventId)
    {
        var parsed = EventsApiParser.Parse($$$"""{"type":"event_callback","event_id":"{{{eventId}}}","event":{"type":"message","text":"hi"}}""");

        Assert.False(parsed.IsSuccess);
        Assert.Contains("event_id", parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"button","name":"approve","inputs":null}""")]
    [InlineData("""{"kind":"button","name":"approve","inputs":[null]}""")]
    [InlineData("""{"kind":"button","name":"approve","inputs":[{"id":null,"label":"x","kind":"Text","required":true}]}""")]
    [InlineData("""{"kind":"button","name":"approve","inputs":[{"id":"c","label":"x","kind":"Checkboxes","required":true,"options":null}]}""")]
    [InlineData("""{"kind":null,"name":"approve"}""")]
    [InlineData("""{"kind":"button","name":null}""")]
    [InlineData("""{"kind":"button","name":"approve","value":"\ud800"}""")]
    public void Modal_state_with_nulls_or_bad_strings_is_not_a_secbot_modal_even_when_signed(string stateJson)
    {
        var metadata = new ModalMetadata("secret");

        Assert.Null(metadata.Open(metadata.Sign(stateJson)));
    }

    [Theory]
    [InlineData("""form:{"value":"REV-1","asks":null}""")]
    [InlineData("""form:{"value":"REV-1","asks":[null]}""")]
    [InlineData("""form:{"value":null,"asks":[]}""")]
    [InlineData("""form:{"value":"\ud800","asks":[]}""")]
    public void A_button_form_with_nulls_or_bad_strings_is_not_ours(string value)
    {
        Assert.Null(ButtonCodec.DecodeValue(value));
    }

    [Fact]
    public void A_submitted_input_whose_state_entry_is_null_counts_as_blank()
    {
        var state = new ModalState(ModalState.FormKind, "declare") { Inputs = [new CardInput("title", "Title", CardInputKind.Text, Required: true)] };
        var view = new SlackView
        {
            State = new ViewState { Values = new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>> { ["title"] = null!, ["level"] = new Dictionary<string, ViewStateValue> { ["level"] = null! } } },
        };

        var submission = ModalSubmission.Read(state, view);

        Assert.Empty(submission.Values);
        Assert.Equal("Title is required.", submission.Errors["title"]);
    }
}
