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

    /// <summary>The copies to update: every one sent (to <see cref="To"/>, when set), but the pressed message.</summary>
    public IEnumerable<SentCard> ToUpdate(IEnumerable<SentCard> sent) =>
        sent.Where(s => (To is null || s.Recipient == To)
            && (Except is not { } pressed || pressed.Platform != s.Platform || pressed.ConversationId != s.ConversationId || pressed.MessageId != s.MessageId));
}
