using SecBot.Chat.Commands;
using SecBot.Chat.Parsing;

namespace SecBot.Chat.Tests.Commands;

public class PersonReferenceTests
{
    public static TheoryData<string, PersonReference> Forms => new()
    {
        { "<@U0MAYA0001>", new SlackUserReference("U0MAYA0001") },
        { "<@W0MAYA0001|maya>", new SlackUserReference("W0MAYA0001") },
        { "<at>Maya Chen</at>", new TeamsMentionReference("Maya Chen") },
        { "<AT> Maya Chen </AT>", new TeamsMentionReference("Maya Chen") },
        { "@maya", new PersonNameReference("maya") },
        { "maya@example.com", new PersonNameReference("maya@example.com") },
        { "  maya  ", new PersonNameReference("maya") },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void People_are_read_from_mentions_or_names(string text, PersonReference expected)
    {
        Assert.True(PersonReference.TryParse(text, out var person));
        Assert.Equal(expected, person);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("@@maya")]
    [InlineData("<!channel>")]
    [InlineData("<#C0123|incidents>")]
    [InlineData("<@U0 MAYA>")]
    [InlineData("<@>")]
    [InlineData("<at></at>")]
    [InlineData("<at><script></at>")]
    public void Markup_that_is_not_a_person_is_refused(string? text) =>
        Assert.False(PersonReference.TryParse(text, out _));

    [Fact]
    public void A_name_over_the_limit_is_refused() =>
        Assert.False(PersonReference.TryParse("@" + new string('m', CommandLimits.PersonNameMaxLength + 1), out _));
}
