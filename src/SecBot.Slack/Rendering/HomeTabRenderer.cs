using SecBot.Slack.BlockKit;

namespace SecBot.Slack.Rendering;

/// <summary>
/// The App Home tab published on <c>app_home_opened</c> (views.publish; no scope needed, slack-protocol.md §9):
/// the open incidents, the reviews waiting on this person, and how to talk to SecBot.
/// </summary>
public static class HomeTabRenderer
{
    public static ViewDefinition Render(string status, string usage, string? waitingOnYou = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(usage);
        Block[] waiting = waitingOnYou is null
            ? []
            : [new DividerBlock(), new SectionBlock { Text = TextObject.Mrkdwn(SlackText.Mrkdwn(waitingOnYou, SlackLimits.SectionText)) }];
        Block[] blocks =
        [
            new HeaderBlock(TextObject.Plain("SecBot")),
            new SectionBlock { Text = TextObject.Mrkdwn(SlackText.Mrkdwn(status, SlackLimits.SectionText)) },
            .. waiting,
            new DividerBlock(),
            new SectionBlock { Text = TextObject.Mrkdwn("*Commands* (type `/secbot &lt;command&gt;`, mention me, or DM me)") },
            new SectionBlock { Text = TextObject.Mrkdwn(SlackText.Mrkdwn(usage, SlackLimits.SectionText)) },
        ];
        return new ViewDefinition(ViewDefinition.HomeType, blocks) { CallbackId = "secbot.home" };
    }
}
