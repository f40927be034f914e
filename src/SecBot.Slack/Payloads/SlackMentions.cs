using System.Text.RegularExpressions;
using SecBot.Chat.Conversation;

namespace SecBot.Slack.Payloads;

/// <summary>
/// The people a Slack message mentions (<c>&lt;@U0MAYA0001&gt;</c>, or <c>&lt;@U0MAYA0001|maya&gt;</c> from older clients),
/// as <see cref="ChatRequest.Mentions"/>: Slack writes the user id into the text itself, so the text is its mention data.
/// </summary>
public static partial class SlackMentions
{
    public static IReadOnlyList<ChatMention> In(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : [.. Mention().Matches(text).Select(m => new ChatMention(m.Groups["id"].Value, m.Value)).DistinctBy(m => m.UserId, StringComparer.Ordinal)];

    // Same shape as the parser's reading of a mention token (SecBot.Chat.Parsing.SlackMention): ASCII letters and digits, at most 32.
    [GeneratedRegex(@"<@(?<id>[A-Za-z0-9]{1,32})(?:\|[^<>]*)?>", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
