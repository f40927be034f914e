using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage;
using SecBot.Storage.Conversations;
using SecBot.Storage.Database;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Ledger;
using SecBot.Storage.Roster;

namespace SecBot.Host.Tests.Support;

/// <summary>A test's host on one platform or several: the running SecBot whose database the test reads.</summary>
internal interface IHostUnderTest
{
    RunningHost Host { get; }
}

/// <summary>
/// The database of a host under test, read through the storage repositories (no SQL, so over any provider) and waited on
/// the same way whichever platforms it serves. More reads: <see cref="StoreReads"/> on <c>Store</c>.
/// </summary>
internal static class HostDatabase
{
    extension(IHostUnderTest under)
    {
        public OutboxRepository Outbox => under.Host.App.Services.GetRequiredService<OutboxRepository>();

        /// <summary>The host's own store (as the host resolves it, with any test decoration).</summary>
        public IStore Store => under.Host.App.Services.GetRequiredService<IStore>();

        /// <summary>Every incident, resolved ones included, oldest first, with its pages.</summary>
        public Task<IReadOnlyList<Incident>> IncidentsAsync() => under.Store.IncidentsAsync();

        public Task<Incident> IncidentAsync(long number) => under.Store.IncidentAsync(number);

        /// <summary>The timeline rows of every incident, incident by incident, each in the order written.</summary>
        public async Task<IReadOnlyList<IncidentEvent>> IncidentEventsAsync()
        {
            var events = new List<IncidentEvent>();
            foreach (var incident in await under.IncidentsAsync()) events.AddRange(await under.Store.IncidentTimelineAsync(incident.Number));
            return events;
        }

        public Task<IReadOnlyList<StoredInboundKey>> InboundKeysAsync() => under.Store.InboundKeysAsync();

        /// <summary>Every outbox row, whatever its state, in queue order.</summary>
        public Task<IReadOnlyList<OutboxEntry>> OutboxEntriesAsync() => under.Store.OutboxEntriesAsync();

        /// <summary>The sign-off ledger of every gate, in chain order.</summary>
        public Task<IReadOnlyList<LedgerRecord>> LedgerAsync() => under.Store.LedgerAsync();

        public Task<IReadOnlyList<LearnedPlatformId>> LearnedPlatformIdsAsync() =>
            under.Host.App.Services.GetRequiredService<LearnedPlatformIdRepository>().ListAsync(CancellationToken.None);

        /// <summary>How each platform reaches each person, on every platform.</summary>
        public Task<IReadOnlyList<PlatformConversation>> PlatformConversationsAsync() =>
            under.Host.App.Services.GetRequiredService<PlatformConversationRepository>().ListAllAsync(CancellationToken.None);

        /// <summary>
        /// A store of another process on the host's database, on <paramref name="clock"/>: what it writes is stamped with
        /// that process's time, e.g. a claim made before it died. Dispose it. The one place a host test names the provider.
        /// </summary>
        public SqliteStore AnotherProcessStore(TimeProvider clock)
        {
            var path = under.Host.App.Services.GetRequiredService<SqliteDatabase>().FilePath;
            return new SqliteStore(new SqliteDatabase(new DatabaseOptions { Path = path }, NullLogger<SqliteDatabase>.Instance), clock, NullLogger<SqliteStore>.Instance);
        }

        /// <summary>Waits (bounded) until the outbox has nothing pending.</summary>
        public async Task<OutboxCounts> WaitForOutboxDrainedAsync(TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
            while (true)
            {
                var counts = await under.Outbox.CountAsync(CancellationToken.None);
                if (counts.Pending == 0) return counts;
                if (cts.IsCancellationRequested) throw new TimeoutException($"outbox still has {counts.Pending} pending");
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
            }
        }
    }
}
