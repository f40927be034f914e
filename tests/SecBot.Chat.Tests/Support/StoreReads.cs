using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Incidents;
using SecBot.Storage.Ledger;
using SecBot.Storage.Requeues;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Tests.Support;

/// <summary>
/// What a test reads back from any <see cref="IStore"/>, through the storage repositories' public reads only (no SQL),
/// so a test asserts the same way over every provider. Linked into SecBot.Host.Tests.
/// </summary>
internal static class StoreReads
{
    extension(IStore store)
    {
        /// <summary>Every incident, resolved ones included, oldest first, with its pages.</summary>
        public Task<IReadOnlyList<Incident>> IncidentsAsync() =>
            new IncidentRepository(store).ListAllAsync(CancellationToken.None);

        public async Task<Incident> IncidentAsync(long number) =>
            await new IncidentRepository(store).LoadAsync(number, CancellationToken.None)
            ?? throw new InvalidOperationException($"INC-{number} is not stored");

        /// <summary>An incident's timeline in the order it was written.</summary>
        public Task<IReadOnlyList<IncidentEvent>> IncidentTimelineAsync(long number) =>
            new IncidentRepository(store).TimelineAsWrittenAsync(number, CancellationToken.None);

        /// <summary>Every gate, approved ones included, oldest first.</summary>
        public Task<IReadOnlyList<Gate>> GatesAsync() =>
            new GateRepository(store).ListAllAsync(CancellationToken.None);

        public Task<IReadOnlyList<GateEvent>> GateTimelineAsync(long number) =>
            new GateRepository(store).TimelineAsync(number, CancellationToken.None);

        /// <summary>The timelines of every gate, gate by gate.</summary>
        public async Task<IReadOnlyList<GateEvent>> GateEventsAsync()
        {
            var events = new List<GateEvent>();
            foreach (var gate in await store.GatesAsync()) events.AddRange(await store.GateTimelineAsync(gate.Number));
            return events;
        }

        /// <summary>The sign-off ledger of every gate, in chain order.</summary>
        public Task<IReadOnlyList<LedgerRecord>> LedgerAsync() =>
            new GateRepository(store).ReadLedgerAsync(CancellationToken.None);

        /// <summary>Every outbox row, whatever its state, in queue order.</summary>
        public async Task<IReadOnlyList<OutboxEntry>> OutboxEntriesAsync() =>
            [.. (await store.OutboxRowsAsync()).Select(m => m.Message)];

        /// <summary>Every outbox row with who holds its claim.</summary>
        public Task<IReadOnlyList<StoredOutboxMessage>> OutboxRowsAsync() =>
            store.ReadAsync(c => new OutboxRepository(store).ListAllAsync(c, null, CancellationToken.None), CancellationToken.None);

        /// <summary>The id of the newest outbox row; 0 when there is none.</summary>
        public async Task<long> LastOutboxIdAsync() => (await store.OutboxEntriesAsync()).Select(m => m.Id).DefaultIfEmpty(0).Max();

        /// <summary>Every timer ever set, fired ones included, in the order they were set.</summary>
        public Task<IReadOnlyList<StoredTimer>> TimersAsync() =>
            new TimerRepository(store).ListAllAsync(CancellationToken.None);

        /// <summary>Every cover override ever added, cancelled ones included.</summary>
        public Task<IReadOnlyList<OnCallOverride>> OverridesAsync() =>
            new OverrideRepository(store).ListAllAsync(CancellationToken.None);

        /// <summary>Every recorded inbound idempotency key.</summary>
        public Task<IReadOnlyList<StoredInboundKey>> InboundKeysAsync() =>
            new InboundKeys(store).ListAllAsync(CancellationToken.None);

        /// <summary>The audit of re-queues (<c>retry</c>), newest first.</summary>
        public Task<IReadOnlyList<Requeue>> RequeuesAsync() =>
            store.ReadAsync(connection => new RequeueLog().ListAsync(connection, 1000, CancellationToken.None), CancellationToken.None);

        public Task<IReadOnlyList<IncidentChannel>> IncidentChannelsAsync() =>
            new IncidentChannelRepository(store).ListAllAsync(CancellationToken.None);
    }
}
