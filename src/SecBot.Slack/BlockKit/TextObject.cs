namespace SecBot.Slack.BlockKit;

/// <summary>
/// A Block Kit text object: <c>plain_text</c> (never parsed for mentions or links) or <c>mrkdwn</c>
/// (slack-protocol.md §7). SecBot sends mrkdwn with <c>verbatim: true</c> so Slack does not auto-link or
/// auto-parse names in user text; explicit <c>&lt;@U…&gt;</c> mentions still work.
/// </summary>
public sealed record TextObject(string Type, string Text)
{
    public const string PlainTextType = "plain_text";
    public const string MrkdwnType = "mrkdwn";

    public bool? Emoji { get; init; }
    public bool? Verbatim { get; init; }

    public static TextObject Plain(string text) => new(PlainTextType, text) { Emoji = true };

    /// <param name="text">Already escaped mrkdwn.</param>
    public static TextObject Mrkdwn(string text) => new(MrkdwnType, text) { Verbatim = true };
}
