namespace SecBot.Slack.Delivery;

/// <summary>Outbox <c>kind</c>s of <see cref="SlackOutboxItem"/> rows, and the Web API method each ends in.</summary>
public static class SlackOutboxKinds
{
    public const string Platform = "slack";

    /// <summary>
    /// chat.update of <see cref="SlackOutboxItem.Channel"/> + <see cref="SlackOutboxItem.Ts"/>. Named <c>….update</c>, like
    /// every in-place update, so a refresh of the same cards queued after it waits for it (OutboxRepository.HasEarlierPendingAsync).
    /// </summary>
    public const string Update = "slack.update";

    /// <summary>chat.postMessage to <see cref="SlackOutboxItem.Channel"/>, in <see cref="SlackOutboxItem.ThreadTs"/> when set.</summary>
    public const string Post = "slack.post";

    /// <summary>chat.postEphemeral to <see cref="SlackOutboxItem.User"/> in <see cref="SlackOutboxItem.Channel"/>.</summary>
    public const string Ephemeral = "slack.ephemeral";

    /// <summary>
    /// A POST of <see cref="SlackOutboxItem.Content"/> to <see cref="SlackOutboxItem.ResponseUrl"/> (slack-protocol.md §5),
    /// replacing the original when <see cref="SlackOutboxItem.ReplaceOriginal"/>: how a button on an ephemeral message is
    /// answered, since chat.update cannot reach an ephemeral message (its ts is not a real message's).
    /// </summary>
    public const string Respond = "slack.respond";

    /// <summary>views.publish of <see cref="SlackOutboxItem.View"/> as <see cref="SlackOutboxItem.User"/>'s Home tab.</summary>
    public const string Home = "slack.home";

    /// <summary>
    /// With <c>SecBot:Slack:PerIncidentChannels</c>: conversations.create (first time), chat.postMessage of the incident
    /// card there, conversations.invite of the newly paged; the payload is an <see cref="IncidentChannelItem"/>.
    /// </summary>
    public const string IncidentChannel = "slack.incident-channel";

    public static bool IsSlackItem(string kind) => kind.StartsWith("slack.", StringComparison.Ordinal);
}
