using SecBot.Chat.Reports;

namespace SecBot.Chat.Tests.Reports;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("plain words, (parens) and 3.5% stay", "plain words, (parens) and 3.5% stay")]
    [InlineData("a\n# b\r\n- c", @"a \# b - c")]
    [InlineData("*bold* _it_ `code` ~~s~~", @"\*bold\* \_it\_ \`code\` \~\~s\~\~")]
    [InlineData("[x](http://e) ![i](y)", @"\[x\](http://e) \!\[i\](y)")]
    [InlineData("<script>&amp; | cell \\", @"\<script\>\&amp; \| cell \\")]
    [InlineData(null, "")]
    public void User_text_stays_one_line_of_literal_words(string? text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));
}
