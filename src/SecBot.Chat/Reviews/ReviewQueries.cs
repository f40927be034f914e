using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Reviews;

namespace SecBot.Chat.Reviews;

/// <summary>The review read models: what waits on a person (<c>reviews</c>) and one gate as it stands (<c>status REV-n</c>). Reads only.</summary>
public sealed class ReviewQueries(
    IStore store, GateRepository gates, DeliveryWarnings deliveryWarnings, ReviewGateEngine engine, ReviewCards cards, TimeProvider time)
{
    private readonly ReviewReplies _replies = new(cards);

    /// <summary><c>reviews</c>: gates with a seat the caller could sign now, and the caller's own gates waiting on a resubmission.</summary>
    public Task<ChatReply> PendingAsync(Person caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.ReadAsync(
            async connection =>
            {
                var now = time.GetUtcNow();
                var open = await gates.ListOpenAsync(connection, cancellationToken);
                var pending = engine.PendingFor(open, caller.Id, now);
                var mine = open.Where(g => g.State == GateState.ChangesRequested && g.RequestedBy.Equals(caller.Id, StringComparison.OrdinalIgnoreCase)).ToList();
                return _replies.Pending(pending, mine, now);
            },
            cancellationToken);
    }

    /// <summary><c>status REV-n</c>: sign-offs seat by seat, overrides, objections, stale sign-offs and the timeline.</summary>
    public Task<ChatReply> StatusAsync(long number, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection =>
            {
                if (await gates.LoadAsync(connection, null, number, cancellationToken) is not { } gate)
                {
                    return ChatReply.Refusal($"There is no {GateKey.Format(number)}.", "status [INC-n|REV-n]");
                }

                var timeline = await gates.TimelineAsync(connection, gate.Number, cancellationToken);
                var undelivered = await deliveryWarnings.AboutAsync(connection, gate.Key, cards.Name, cancellationToken);
                return _replies.Status(gate, timeline, undelivered, time.GetUtcNow());
            },
            cancellationToken);
}
