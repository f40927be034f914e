using SecBot.Chat.Conversation;

namespace SecBot.Teams.Activities;

/// <summary>
/// The mentions of a message, read from its <c>mention</c> entities, never from its text (§5): the command the message
/// gives SecBot, with SecBot's own mentions cut out, and the other people it names.
/// </summary>
public static class ActivityMentions
{
    /// <summary>
    /// The message text with every mention of the bot removed (each mention entity's text whose <c>mentioned.id</c> is the
    /// activity's <c>recipient.id</c>), trimmed. Works on the parsed string, so <c>\u003Cat\u003E</c> escapes are already <c>&lt;at&gt;</c>.
    /// </summary>
    public static string CommandText(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? "";
        foreach (var mention in MentionEntities(activity).Where(m => IsBot(activity, m)))
        {
            if (mention.Text is { Length: > 0 } shown) text = text.Replace(shown, "", StringComparison.Ordinal);
        }

        return text.Trim();
    }

    /// <summary>
    /// The people the message mentions other than the bot: their roster id (<see cref="ChannelAccount.TeamsUserId"/>, the AAD
    /// object id when the entity carries it, else the Teams id) and the text the mention shows. One entry per person.
    /// </summary>
    public static IReadOnlyList<ChatMention> OthersIn(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return
        [
            .. MentionEntities(activity)
                .Where(m => !IsBot(activity, m) && !string.IsNullOrWhiteSpace(m.Mentioned!.TeamsUserId))
                .Select(m => new ChatMention(m.Mentioned!.TeamsUserId!, m.Text is { Length: > 0 } text ? text : $"<at>{m.Mentioned.Name}</at>"))
                .DistinctBy(m => m.UserId, StringComparer.OrdinalIgnoreCase),
        ];
    }

    private static IEnumerable<ActivityEntity> MentionEntities(Activity activity) =>
        (activity.Entities ?? []).Where(e => e is { Mentioned: not null } && string.Equals(e.Type, ActivityEntity.MentionType, StringComparison.OrdinalIgnoreCase));

    private static bool IsBot(Activity activity, ActivityEntity mention) =>
        activity.Recipient?.Id is { Length: > 0 } bot && string.Equals(mention.Mentioned!.Id, bot, StringComparison.OrdinalIgnoreCase);
}
