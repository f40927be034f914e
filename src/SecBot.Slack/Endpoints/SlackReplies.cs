using Microsoft.Extensions.Options;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Slack.Configuration;
using SecBot.Slack.Delivery;
using SecBot.Slack.Payloads;
using SecBot.Slack.Rendering;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// Slack's rendering of the neutral routing decision (<see cref="ReplyRouting"/>), queued in the outbox: "update the
/// original" is chat.update of the message the button was on; "public" is posted where the request came from;
/// "private" is ephemeral in a channel, or a plain message in a DM (Slack's DM with the bot can be addressed by user id).
/// A button on an ephemeral message is updated through the interaction's <c>response_url</c> (replace_original)
/// instead: chat.update cannot find an ephemeral message, so it would only ever end in a dead letter. The answer to a
/// press that changed something is written by the command itself, in its transaction (<see cref="WriterFor"/>).
/// </summary>
internal sealed class SlackReplies(SlackOutbox outbox, ReplyRenderer renderer, IOptions<SlackOptions> options)
{
    public static ChatRequest Request(string userId, string? userName, string? channel, string? threadTs, ChatInput input) =>
        new(new ChatIdentity(SlackOutboxKinds.Platform, userId, userName), new ChatPlace(channel, threadTs, IsDirect(channel)) { Platform = SlackOutboxKinds.Platform }, input)
        {
            Mentions = SlackMentions.In((input as TextInput)?.Text),
        };

    public Task AfterButtonAsync(ChatReply reply, string userId, ButtonMessage message, CancellationToken cancellationToken)
    {
        var (kind, item) = ForButton(reply, userId, message);
        return outbox.EnqueueAsync(kind, item, cancellationToken);
    }

    /// <summary>
    /// The <see cref="ReplyWriter"/> for a press on <paramref name="message"/>: the command calls it inside its own
    /// transaction, so the message's update (or the private reply) commits together with the change it shows.
    /// </summary>
    public ReplyWriter WriterFor(string userId, ButtonMessage message) =>
        (transaction, reply) =>
        {
            var (kind, item) = ForButton(reply, userId, message);
            return SlackOutbox.EnqueueAsync(transaction, kind, item);
        };

    /// <summary>Where the answer to a press goes, and as what: its message updated in place, else a reply.</summary>
    private (string Kind, SlackOutboxItem Item) ForButton(ChatReply reply, string userId, ButtonMessage message)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(message);
        var channel = message.Channel;
        if (ReplyRouting.AfterButton(reply) != ReplyRoute.UpdateOriginal) return ForReply(reply, userId, channel, null);
        if (message.IsEphemeral)
        {
            var content = renderer.Render(reply);
            if (options.Value.TrustedResponseUrl(message.ResponseUrl) is not null)
            {
                return (SlackOutboxKinds.Respond, new SlackOutboxItem { Channel = channel, User = userId, ResponseUrl = message.ResponseUrl, ReplaceOriginal = true, Content = content });
            }

            return channel is null || IsDirect(channel)
                ? (SlackOutboxKinds.Post, new SlackOutboxItem { Channel = channel ?? userId, Content = content })
                : (SlackOutboxKinds.Ephemeral, new SlackOutboxItem { Channel = channel, User = userId, Content = content });
        }

        if (channel is not null && message.Ts is not null)
        {
            return (SlackOutboxKinds.Update, new SlackOutboxItem { Channel = channel, Ts = message.Ts, Content = renderer.Render(reply) });
        }

        return ForReply(reply, userId, channel, null);
    }

    public Task ReplyAsync(ChatReply reply, string userId, string? channel, string? threadTs, CancellationToken cancellationToken)
    {
        var (kind, item) = ForReply(reply, userId, channel, threadTs);
        return outbox.EnqueueAsync(kind, item, cancellationToken);
    }

    private (string Kind, SlackOutboxItem Item) ForReply(ChatReply reply, string userId, string? channel, string? threadTs)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var content = renderer.Render(reply);
        if (channel is null || IsDirect(channel))
        {
            return (SlackOutboxKinds.Post, new SlackOutboxItem { Channel = channel ?? userId, ThreadTs = threadTs, Content = content });
        }

        return ReplyRouting.For(reply) == ReplyRoute.Public
            ? (SlackOutboxKinds.Post, new SlackOutboxItem { Channel = channel, ThreadTs = threadTs, Content = content })
            : (SlackOutboxKinds.Ephemeral, new SlackOutboxItem { Channel = channel, User = userId, ThreadTs = threadTs, Content = content });
    }

    // Slack's DM channel ids start with D (slack-protocol.md §4, message.im).
    private static bool IsDirect(string? channel) => channel is null || channel.StartsWith('D');
}

/// <summary>
/// The message a button was on: where chat.update finds it, or, when it is ephemeral (<c>container.is_ephemeral</c>),
/// the <c>response_url</c> that can replace it.
/// </summary>
internal sealed record ButtonMessage(string? Channel, string? Ts)
{
    public bool IsEphemeral { get; init; }
    public string? ResponseUrl { get; init; }

    /// <summary>The message as the outbox knows it, when it is a real (non-ephemeral) one.</summary>
    public MessageRef? Ref => IsEphemeral || Channel is null || Ts is null ? null : new MessageRef(SlackOutboxKinds.Platform, Channel, Ts);
}
