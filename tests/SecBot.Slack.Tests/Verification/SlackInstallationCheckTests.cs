using SecBot.Slack.Configuration;
using SecBot.Slack.Payloads;
using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;
using SecBot.Slack.Verification;
using SecBot.Testing.Slack;

namespace SecBot.Slack.Tests.Verification;

/// <summary>Where the Slack fixtures say they come from, and which configured installation accepts them.</summary>
public sealed class SlackInstallationCheckTests
{
    [Fact]
    public void Each_payload_kind_names_its_workspace_organisation_and_app()
    {
        var command = (SlashCommand)SlashCommandParser.Parse(SlackFixtures.Text("slash_command.enterprise.form.txt")).Value!;
        var press = InteractionParser.ParseJson(SlackFixtures.Text("block_actions.docs_example_attachment.json")).Value!;
        var mention = (EventCallbackPayload)EventsApiParser.Parse(SlackFixtures.Text("event_callback.app_mention.json")).Value!;
        var shared = (EventCallbackPayload)EventsApiParser.Parse(SlackFixtures.Text("event_callback.message_channel_bot.json")).Value!;

        Assert.Equal(new SlackOrigin("T111", "E111", "A111"), SlackOrigin.Of(command));
        Assert.Equal(new SlackOrigin("T9TK3CUKW", null, "AABA1ABCD"), SlackOrigin.Of(press));
        Assert.Equal(new SlackOrigin("T111", null, "A111"), SlackOrigin.Of(mention));
        // In a Slack Connect channel the envelope names the channel's team (T_SOURCE); the installation is the authorization's.
        Assert.Equal(new SlackOrigin("T_INSTALLED", "E_INSTALLED", "A111"), SlackOrigin.Of(shared));
    }

    [Fact]
    public void Only_the_configured_ids_are_checked_and_a_missing_one_is_refused()
    {
        var open = new SlackInstallationCheck(new SlackOptions());
        var workspace = new SlackInstallationCheck(new SlackOptions { TeamId = "T111", AppId = "A111" });
        var organisation = new SlackInstallationCheck(new SlackOptions { EnterpriseId = "E111" });

        Assert.Null(open.Refusal(new SlackOrigin("T999", "E999", "A999")));
        Assert.Equal(["SecBot:Slack:TeamId", "SecBot:Slack:EnterpriseId", "SecBot:Slack:AppId"], open.UncheckedKeys);
        Assert.Null(workspace.Refusal(new SlackOrigin("T111", "E5", "A111")));
        Assert.Equal(["SecBot:Slack:EnterpriseId"], workspace.UncheckedKeys);
        Assert.Contains("workspace 'T999'", workspace.Refusal(new SlackOrigin("T999", null, "A111")), StringComparison.Ordinal);
        Assert.Contains("workspace (none)", workspace.Refusal(new SlackOrigin(null, "E111", "A111")), StringComparison.Ordinal);
        Assert.Contains("app 'A999'", workspace.Refusal(new SlackOrigin("T111", null, "A999")), StringComparison.Ordinal);
        Assert.Contains("app (none)", workspace.Refusal(new SlackOrigin("T111", null, null)), StringComparison.Ordinal);
        Assert.Null(organisation.Refusal(new SlackOrigin(null, "E111", "A5")));
        Assert.Contains("organisation 'E222'", organisation.Refusal(new SlackOrigin("T111", "E222", null)), StringComparison.Ordinal);
    }
}
