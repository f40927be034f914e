using SecBot.Chat.Conversation;
using SecBot.Slack.Payloads;

namespace SecBot.Slack.Tests.Payloads;

public sealed class SlackMentionsTests
{
    [Fact]
    public void Every_user_mention_in_the_text_becomes_a_mention_entity_with_its_user_id_once()
    {
        var mentions = SlackMentions.In("cover SocEngineer 2026-03-02T10:00Z 2026-03-02T18:00Z <@U0SAM00002> and <@U0MAYA0001|maya>, again <@U0SAM00002>");

        Assert.Equal([new ChatMention("U0SAM00002", "<@U0SAM00002>"), new ChatMention("U0MAYA0001", "<@U0MAYA0001|maya>")], mentions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cover SocEngineer 2026-03-02T10:00Z 2026-03-02T18:00Z @sam")]
    [InlineData("<!channel> <#C0INCIDENTS|incidents> <https://example.com|link> <@> <@U0-BAD>")]
    public void Text_without_a_user_mention_has_none(string? text) => Assert.Empty(SlackMentions.In(text));
}
