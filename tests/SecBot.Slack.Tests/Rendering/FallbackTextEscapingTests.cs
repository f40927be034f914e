using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Slack.Rendering;

namespace SecBot.Slack.Tests.Rendering;

/// <summary>
/// The <c>text</c> fallback goes out with every message and Slack reads it as mrkdwn (notifications, clients without
/// blocks), so user text in it is escaped like the blocks': a title cannot ping a channel or hide a link.
/// </summary>
public sealed class FallbackTextEscapingTests
{
    private readonly CardRenderer _cards = new(personId => personId == "maya" ? "U0MAYA0001" : null);

    private static Card Gate(string title) => new()
    {
        Title = title,
        Text = "Approve <!channel> & ship",
        Mentions = ["maya"],
    };

    [Fact]
    public void User_text_in_a_cards_fallback_text_cannot_ping_or_link()
    {
        var content = _cards.Render(Gate("REV-1: <!here> <https://evil.example|docs>"));

        Assert.DoesNotContain("<!here>", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://", content.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;!here&gt;", content.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;https://evil.example|docs&gt;", content.Text, StringComparison.Ordinal);
        Assert.Contains("&amp; ship", content.Text, StringComparison.Ordinal);
        Assert.Contains("<@U0MAYA0001>", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replys_text_given_as_the_fallback_of_its_card_is_escaped()
    {
        var renderer = new ReplyRenderer(_cards);

        var content = renderer.Render(ChatReply.Public("Gate <!here> opened by <https://evil.example|you>", Gate("REV-1")));

        Assert.StartsWith("Gate &lt;!here&gt; opened by &lt;https://evil.example|you&gt;", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_escaped_fallback_is_cut_without_leaving_half_an_entity()
    {
        var content = _cards.Render(Gate(new string('x', SlackLimits.FallbackText - 3) + "<<<<"));

        Assert.True(content.Text.Length <= SlackLimits.FallbackText + "\n<@U0MAYA0001>".Length);
        Assert.DoesNotContain("<<", content.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch("&(l|lt|g|gt|a|am|amp)?…", content.Text);
    }
}
