using System.Collections.Concurrent;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// Dispatchers in two stores claiming from one outbox: every message goes to exactly one claimant, each channel's messages
/// come out in enqueue order however the claims interleave, and a claim whose lease ran out is handed to another.
/// </summary>
public abstract class OutboxClaimContract : StoreContract
{
    private const int Channels = 6;
    private const int MessagesPerChannel = 20;
    private const int ClaimantsPerStore = 3;

    [Fact]
    public async Task Claimants_in_two_stores_get_every_message_exactly_once_and_each_channel_in_order()
    {
        IStore[] stores = [Store, Database.NewStore()];
        // Each channel's messages are queued one after another by one writer, the channels in parallel from both stores.
        await RaceAsync(Enumerable.Range(0, Channels).Select(channel => (Func<Task<bool>>)(async () =>
        {
            var outbox = new OutboxRepository(stores[channel % stores.Length]);
            for (var i = 1; i <= MessagesPerChannel; i++)
            {
                await outbox.EnqueueAsync(new OutboxMessage("slack", $"C{channel}", "chat.post", $"{channel}:{i}"), None);
            }

            return true;
        })));

        const int total = Channels * MessagesPerChannel;
        var handedOut = new ConcurrentDictionary<long, string>();
        var byChannel = Enumerable.Range(0, Channels).Select(_ => new List<int>()).ToArray();
        var sent = 0;
        var failed = false;
        var now = Now;
        await RaceAsync(Enumerable.Range(0, stores.Length * ClaimantsPerStore).Select(worker => (Func<Task<bool>>)(async () =>
        {
            var claimant = $"dispatcher-{worker}";
            var outbox = new OutboxRepository(stores[worker % stores.Length]);
            try
            {
                // Until every message is sent, or another claimant failed (then the rest would wait for its messages for ever).
                while (Volatile.Read(ref sent) < total && !Volatile.Read(ref failed))
                {
                    var runs = await outbox.ClaimRunsAsync(now, 2, 3, claimant, None);
                    foreach (var run in runs)
                    {
                        foreach (var entry in run)
                        {
                            Assert.True(handedOut.TryAdd(entry.Id, claimant), $"message {entry.Id} was handed to {handedOut.GetValueOrDefault(entry.Id)} and to {claimant}");
                        }

                        // Noted before the run is completed: the channel's next run cannot be claimed before that.
                        var channel = int.Parse(run[0].ChannelKey[1..], System.Globalization.CultureInfo.InvariantCulture);
                        lock (byChannel[channel]) byChannel[channel].AddRange(run.Select(entry => Sequence(entry.Payload)));
                        Assert.Equal(run.Count, await outbox.CompleteRunAsync([.. run.Select(entry => entry.Id)], [], claimant, None));
                        Interlocked.Add(ref sent, run.Count);
                    }

                    if (runs.Count == 0) await Task.Yield();
                }
            }
            catch
            {
                Volatile.Write(ref failed, true);
                throw;
            }

            return true;
        })));

        Assert.False(failed);
        Assert.Equal(total, handedOut.Count);
        Assert.All(byChannel, order => Assert.Equal(Enumerable.Range(1, MessagesPerChannel), order));
        Assert.Equal(new OutboxCounts(Pending: 0, Dead: 0), await new OutboxRepository(Store).CountAsync(None));
        Assert.Equal(total, await Database.CountAsync("outbox WHERE state = 'sent'"));
    }

    [Fact]
    public async Task A_message_claimed_in_one_store_is_held_from_the_other_until_its_lease_runs_out()
    {
        var first = new OutboxRepository(Store);
        var second = new OutboxRepository(Database.NewStore());
        var id = await first.EnqueueAsync(new OutboxMessage("teams", "19:thread", "post", "{}"), None);

        Assert.Equal([id], (await first.ClaimNextAsync(Now, 10, "replica-1", None)).Select(entry => entry.Id));
        Assert.Empty(await second.ClaimNextAsync(Now, 10, "replica-2", None));

        Database.Time.Advance(first.ClaimLease + TimeSpan.FromSeconds(1));

        Assert.Equal([id], (await second.ClaimNextAsync(Now, 10, "replica-2", None)).Select(entry => entry.Id));
        // The first claimant's late hand-back does not release the claim it lost.
        await first.CompleteRunAsync([], [id], "replica-1", None);
        Assert.Empty(await first.ClaimNextAsync(Now, 10, "replica-1", None));
        Assert.Equal("replica-2", await Database.ScalarAsync<string>("SELECT claimed_by FROM outbox WHERE id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task Messages_queued_in_one_write_from_another_store_come_out_in_their_order()
    {
        var other = Database.NewStore();
        await other.WriteAsync(
            transaction => transaction.EnqueueOutboxAsync([.. Enumerable.Range(1, 5).Select(i => new OutboxMessage("slack", "C1", "chat.post", $"0:{i}"))]),
            None);

        var run = Assert.Single(await new OutboxRepository(Store).ClaimRunsAsync(Now, 10, 10, "dispatcher", None));

        Assert.Equal(Enumerable.Range(1, 5), run.Select(entry => Sequence(entry.Payload)));
    }

    private static int Sequence(string payload) => int.Parse(payload[(payload.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class SqliteOutboxClaimContract : OutboxClaimContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxClaimContract(PostgresFixture fixture) : OutboxClaimContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
