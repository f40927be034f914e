using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Teams.Activities;
using SecBot.Teams.Cards;
using SecBot.Teams.Delivery;

namespace SecBot.Teams.Endpoints;

/// <summary>
/// Teams' rendering of the neutral routing decision (<see cref="ReplyRouting"/>), queued in the outbox and sent through
/// the connector to the activity's own serviceUrl (teams-protocol.md §3): "update the original" is a PUT of the card the
/// button was on, so everyone sees the new state; "public" is posted in the conversation (a channel thread, or the 1:1
/// chat); "private" in a 1:1 chat is posted there, and in a channel goes to the person's 1:1 chat instead, since Teams has
/// no message only one person sees. An invoke's own answer goes back in its HTTP response (<see cref="TeamsMessagesEndpoint"/>).
/// </summary>
internal sealed class TeamsReplies(AdapterOutbox outbox, TeamsReplyRenderer renderer)
{
    /// <summary>The <see cref="ReplyWriter"/> for a press on the card <paramref name="activity"/> answers: queued inside the command's transaction.</summary>
    public ReplyWriter WriterFor(Activity activity, string? personId) =>
        async (transaction, reply) =>
        {
            foreach (var row in ForButton(reply, activity, personId)) await AdapterOutbox.EnqueueAsync(transaction, row);
        };

    public async Task AfterButtonAsync(ChatReply reply, Activity activity, string? personId, CancellationToken cancellationToken)
    {
        foreach (var row in ForButton(reply, activity, personId)) await outbox.EnqueueAsync(row, cancellationToken);
    }

    public async Task ReplyAsync(ChatReply reply, Activity activity, string? personId, CancellationToken cancellationToken)
    {
        foreach (var row in ForReply(reply, activity, personId)) await outbox.EnqueueAsync(row, cancellationToken);
    }

    private IEnumerable<OutboxMessage> ForButton(ChatReply reply, Activity activity, string? personId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(activity);
        if (ReplyRouting.AfterButton(reply) == ReplyRoute.UpdateOriginal && activity.ReplyToId is { Length: > 0 } cardId && Where(activity) is { } where)
        {
            return [Row(TeamsOutboxKinds.Update, new TeamsOutboxItem(where.ServiceUrl, where.Conversation, renderer.Render(reply)) { ActivityId = cardId })];
        }

        return ForReply(reply, activity, personId);
    }

    private IEnumerable<OutboxMessage> ForReply(ChatReply reply, Activity activity, string? personId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(activity);
        if (Where(activity) is not { } where) return [];
        var privateInChannel = activity.Conversation?.IsPersonal != true && ReplyRouting.For(reply) == ReplyRoute.Private && reply.OpensForm is null;
        if (privateInChannel && personId is not null)
        {
            var card = reply.Card ?? new Card { Title = "SecBot", Text = reply.Text };
            return [OutboxWriter.Row(TeamsPlatform.Name, new OutboundMessage(Recipient.Person(personId), card))];
        }

        return [Row(TeamsOutboxKinds.Send, new TeamsOutboxItem(where.ServiceUrl, where.Conversation, renderer.Render(reply)))];
    }

    private static (string ServiceUrl, string Conversation)? Where(Activity activity) =>
        activity is { ServiceUrl: { Length: > 0 } serviceUrl, Conversation.Id: { Length: > 0 } conversation } ? (serviceUrl, conversation) : null;

    private static OutboxMessage Row(string kind, TeamsOutboxItem item) =>
        AdapterOutbox.Row(TeamsPlatform.Name, item.ConversationId, kind, item, TeamsJsonContext.Default.TeamsOutboxItem);
}
