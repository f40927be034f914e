using SecBot.Chat.Cards;
using SecBot.Storage.Delivery;

namespace SecBot.Chat.Delivery;

/// <summary>
/// An outbox row asking each platform to replace every card it delivered about <see cref="Subject"/> with
/// <see cref="Card"/>: how one person's action shows on every copy, on every platform (contract.md "Messages and buttons").
/// </summary>
public sealed record CardRefresh(string Subject, Card Card)
{
    /// <summary>The message a button was pressed on: the press's own answer already updates it.</summary>
    public MessageRef? Except { get; init; }

    /// <summary>
    /// The last outbox row queued before the change this refresh shows: cards about the subject up to it must be out
    /// before the refresh runs, or it would miss one still on its way. Cards queued with the change itself already show it.
    /// </summary>
    public long QueuedAfter { get; init; }

    /// <summary>Only the copies sent to this recipient (<see cref="Recipient.ChannelKey"/>); null: every copy.</summary>
    public string? To { get; init; }

    /// <summary>The copies to update: every one sent (to <see cref="To"/>, when set), but the pressed message.</summary>
    public IEnumerable<SentCard> ToUpdate(IEnumerable<SentCard> sent) =>
        sent.Where(s => (To is null || s.Recipient == To)
            && (Except is not { } pressed || pressed.Platform != s.Platform || pressed.ConversationId != s.ConversationId || pressed.MessageId != s.MessageId));
}
