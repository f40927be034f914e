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

    /// <summary>
    /// Updates each copy (<see cref="ToUpdate"/>) with <paramref name="update"/>: a copy the platform no longer has
    /// (<paramref name="isGone"/>) is skipped; a retryable failure stops at once, so the dispatcher tries the whole refresh
    /// again (updating a message twice with the same card is harmless); any other failure is handed back once every copy
    /// was tried, so the refresh is dead-lettered in sight instead of reported done. Null: every copy is up to date.
    /// </summary>
    public async Task<TFailure?> UpdateEachAsync<TFailure>(
        IEnumerable<SentCard> sent, Func<SentCard, Task<TFailure?>> update, Func<TFailure, bool> isGone, Func<TFailure, bool> isRetryable)
        where TFailure : class
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(isGone);
        ArgumentNullException.ThrowIfNull(isRetryable);
        TFailure? permanent = null;
        foreach (var copy in ToUpdate(sent))
        {
            if (await update(copy) is not { } failure || isGone(failure)) continue;
            if (isRetryable(failure)) return failure;
            permanent ??= failure;
        }

        return permanent;
    }

    /// <summary>The copies to update (<see cref="Updates"/>), in the order given.</summary>
    public IEnumerable<SentCard> ToUpdate(IEnumerable<SentCard> sent) => sent.Where(Updates);

    /// <summary>
    /// Whether <paramref name="copy"/> is to be replaced: a card about <see cref="Subject"/> (sent to <see cref="To"/>, when
    /// set), but not the pressed message, and not one queued after <see cref="QueuedAfter"/>. Such a card was queued with
    /// the change this refresh shows, or by a later change, so it already shows this state or a newer one: the request a
    /// stage's approval sends to the approver's next seat keeps its buttons. There is no upper bound at the refresh's own
    /// row: a card queued after it by a later change can be delivered first (cards and refreshes go out in different
    /// lanes), and replacing it would put back an older state. A copy whose outbox row is not known is always replaced.
    /// </summary>
    public bool Updates(SentCard copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return copy.Subject == Subject
            && (To is null || copy.Recipient == To)
            && (Except is not { } pressed || pressed.Platform != copy.Platform || pressed.ConversationId != copy.ConversationId || pressed.MessageId != copy.MessageId)
            && !(copy.OutboxId > QueuedAfter);
    }
}
