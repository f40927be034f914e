using SecBot.Domain.Incidents;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Incidents;

namespace SecBot.Chat.Tests.Support;

/// <summary>The rows a fault may be about, read through the repositories inside a write transaction.</summary>
internal sealed record StoreSnapshot(IReadOnlyList<Incident> Incidents, IReadOnlyList<OutboxEntry> Outbox, IReadOnlyList<StoredInboundKey> InboundKeys)
{
    public static async Task<StoreSnapshot> TakeAsync(StoreTransaction transaction, IncidentRepository incidents, OutboxRepository outbox, InboundKeys inboundKeys)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(inboundKeys);
        var (connection, open, token) = (transaction.Statements, transaction.Transaction, transaction.CancellationToken);
        return new StoreSnapshot(
            await incidents.ListAllAsync(connection, open, token),
            [.. (await outbox.ListAllAsync(connection, open, token)).Select(m => m.Message)],
            await inboundKeys.ListAllAsync(connection, open, token));
    }
}

/// <summary>What one write changed, from the snapshots before and after its work.</summary>
internal sealed record StoreChange(StoreSnapshot Before, StoreSnapshot After)
{
    /// <summary>A write that declares an incident (inserts one).</summary>
    public static bool Declares(StoreChange change) => change.DeclaredIncidents.Any();

    /// <summary>A write that changes an incident already stored.</summary>
    public static bool ChangesAnIncident(StoreChange change) =>
        change.After.Incidents.Any(after => change.Before.Incidents.Any(before => before.Number == after.Number && before.Version != after.Version));

    /// <summary>A write that queues any outbox message.</summary>
    public static bool QueuesOutbox(StoreChange change) => change.QueuedMessages.Any();

    /// <summary>A write that queues an outbox message of <paramref name="kind"/>.</summary>
    public static Func<StoreChange, bool> Queues(string kind) => change => change.QueuedMessages.Any(m => m.Kind == kind);

    public IEnumerable<Incident> DeclaredIncidents => After.Incidents.Where(after => Before.Incidents.All(before => before.Number != after.Number));

    public IEnumerable<OutboxEntry> QueuedMessages => After.Outbox.Where(after => Before.Outbox.All(before => before.Id != after.Id));

    public IEnumerable<(string Source, string Key)> ForgottenKeys =>
        Before.InboundKeys.Where(before => After.InboundKeys.All(after => (after.Source, after.Key) != (before.Source, before.Key))).Select(k => (k.Source, k.Key));
}
