using System.Text;
using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;
using SecBot.Testing.Slack;

namespace SecBot.Slack.Tests.Payloads;

/// <summary>What SecBot reads out of the real payloads: the fields its handlers depend on.</summary>
public sealed class FixtureContentTests
{
    [Fact]
    public void Slash_command_form_decodes_plus_as_space_and_percent_escapes()
    {
        var command = Assert.IsType<SlashCommand>(SlashCommandParser.Parse(SlackFixtures.Text("slash_command.enterprise.form.txt")).Value);

        Assert.Equal("/hello", command.Command);
        Assert.Equal("Sandbox Org", command.EnterpriseName);
        Assert.Equal("https://hooks.slack.com/commands/T111/111/xxx", command.ResponseUrl);
        Assert.Equal("", command.Text);
    }

    [Fact]
    public void Ssl_check_is_recognised()
    {
        Assert.IsType<SlashCommandSslCheck>(SlashCommandParser.Parse("ssl_check=1&token=xxx").Value);
    }

    [Fact]
    public void Block_action_in_a_message_names_the_message_to_update()
    {
        var payload = Assert.IsType<BlockActionsPayload>(InteractionParser.ParseJson(SlackFixtures.Text("block_actions.button_in_message.json")).Value);

        Assert.Equal("message", payload.Container!.Type);
        Assert.NotNull(payload.Container.MessageTs);
        Assert.NotNull(payload.Container.ChannelId);
        Assert.NotEmpty(payload.Actions[0].ActionId);
        Assert.Null(payload.Enterprise);
    }

    [Fact]
    public void Block_action_in_the_home_tab_has_a_view_and_no_response_url()
    {
        var payload = Assert.IsType<BlockActionsPayload>(InteractionParser.ParseJson(SlackFixtures.Text("block_actions.button_in_home_tab.json")).Value);

        Assert.Equal("view", payload.Container!.Type);
        Assert.Null(payload.ResponseUrl);
        Assert.Equal("home", payload.View!.Type);
    }

    [Fact]
    public void View_submission_state_values_are_read_by_block_and_action_id()
    {
        var payload = Assert.IsType<ViewSubmissionPayload>(InteractionParser.ParseJson(SlackFixtures.Text("view_submission.single_input.json")).Value);

        Assert.Equal("test test test", payload.View.State!.Values["request-block"]["request-action"].AsText());
    }

    [Fact]
    public void Global_shortcut_arrives_inside_the_payload_form_field()
    {
        var payload = Assert.IsType<ShortcutPayload>(InteractionParser.ParseForm(SlackFixtures.Text("interactivity.global_shortcut.form.txt")).Value);

        Assert.Equal("bolt-js-aws-lambda-shortcut", payload.CallbackId);
        Assert.Equal("Kaz SDK Sandbox Org", payload.Enterprise!.Name);
    }

    [Fact]
    public void A_bot_message_is_recognised_as_from_a_bot()
    {
        var payload = Assert.IsType<EventCallbackPayload>(EventsApiParser.Parse(Encoding.UTF8.GetBytes(SlackFixtures.Text("event_callback.message_channel_bot.json"))).Value);
        var message = Assert.IsType<MessageEvent>(payload.Event);

        Assert.True(message.IsFromBot);
        Assert.False(message.IsPlainUserMessage);
    }

    [Fact]
    public void A_direct_message_is_a_plain_user_message_with_an_event_id()
    {
        var payload = Assert.IsType<EventCallbackPayload>(EventsApiParser.Parse(Encoding.UTF8.GetBytes(SlackFixtures.Text("event_callback.message_im.json"))).Value);
        var message = Assert.IsType<MessageEvent>(payload.Event);

        Assert.Equal("Ev0PV52K21", payload.EventId);
        Assert.True(message.IsDirectMessage);
        Assert.True(message.IsPlainUserMessage);
    }

    [Fact]
    public void App_home_opened_in_an_org_install_parses_without_a_team()
    {
        var payload = Assert.IsType<EventCallbackPayload>(EventsApiParser.Parse(Encoding.UTF8.GetBytes(SlackFixtures.Text("event_callback.app_home_opened.json"))).Value);

        Assert.IsType<AppHomeOpenedEvent>(payload.Event);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"event_callback\"}")]
    [InlineData("{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":null}")]
    [InlineData("{\"type\":\"url_verification\"}")]
    public void Malformed_event_bodies_are_failures_not_exceptions(string json)
    {
        Assert.False(EventsApiParser.Parse(Encoding.UTF8.GetBytes(json)).IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("payload=")]
    [InlineData("payload=%7B")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    public void Malformed_interactivity_bodies_are_failures_not_exceptions(string form)
    {
        Assert.False(InteractionParser.ParseForm(form).IsSuccess);
    }
}
