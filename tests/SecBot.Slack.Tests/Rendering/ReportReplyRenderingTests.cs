using SecBot.Chat.Conversation;
using SecBot.Chat.Reports;
using SecBot.Slack.Rendering;

namespace SecBot.Slack.Tests.Rendering;

/// <summary>A postmortem report cut for chat reaches Slack whole: Slack's escaping and its own cut never reach the note naming the command line.</summary>
public sealed class ReportReplyRenderingTests
{
    [Fact]
    public void A_cut_report_full_of_characters_slack_escapes_keeps_its_note()
    {
        var markdown = "# INC-7 postmortem draft\n\n" + string.Concat(Enumerable.Repeat("| a \\& b \\<c\\> |\n", 400));
        var renderer = new ReplyRenderer(new CardRenderer(_ => null));

        var content = renderer.Render(ChatReply.Private(ReportReplies.Fit(markdown, "INC-7")));

        Assert.True(content.Text.Length <= SlackLimits.SectionText, $"{content.Text.Length} characters");
        Assert.EndsWith("report INC-7 [--format md|json])", content.Text, StringComparison.Ordinal);
        Assert.Contains("&amp;", content.Text, StringComparison.Ordinal);
    }
}
