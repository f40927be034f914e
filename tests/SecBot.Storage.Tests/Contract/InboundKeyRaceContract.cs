using SecBot.Storage.Inbound;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>The same delivery arriving at two replicas at once is handled by exactly one of them.</summary>
public abstract class InboundKeyRaceContract : StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // Keys raced at once: each racer holds a connection, and the test server takes 100 in all.
    private const int KeysPerRace = 10;

    [Fact]
    public async Task A_key_claimed_from_two_stores_at_once_has_exactly_one_winner()
    {
        InboundKeys[] replicas = [new(Store, Lease), new(Database.NewStore(), Lease)];
        const int keys = 50;

        for (var first = 0; first < keys; first += KeysPerRace)
        {
            var wins = await RaceAsync(Enumerable.Range(first * replicas.Length, KeysPerRace * replicas.Length).Select(i => (Func<Task<bool>>)(() =>
                replicas[i % replicas.Length].TryClaimAsync("slack.event", $"Ev{i / replicas.Length}", None))));

            Assert.All(wins.Chunk(replicas.Length), pair => Assert.Equal(1, pair.Count(won => won)));
        }

        Assert.Equal(keys, await Database.CountAsync("inbound_keys"));
    }

    [Fact]
    public async Task An_abandoned_claim_past_its_lease_is_taken_over_by_exactly_one_store()
    {
        InboundKeys[] replicas = [new(Store, Lease), new(Database.NewStore(), Lease), new(Database.NewStore(), Lease)];
        const int keys = 20;
        for (var key = 0; key < keys; key++) Assert.True(await replicas[0].TryClaimAsync("teams.activity", $"a{key}", None));
        Database.Time.Advance(Lease + TimeSpan.FromSeconds(1));

        for (var first = 0; first < keys; first += KeysPerRace)
        {
            var wins = await RaceAsync(Enumerable.Range(first * replicas.Length, KeysPerRace * replicas.Length).Select(i => (Func<Task<bool>>)(() =>
                replicas[i % replicas.Length].TryClaimAsync("teams.activity", $"a{i / replicas.Length}", None))));

            Assert.All(wins.Chunk(replicas.Length), racers => Assert.Equal(1, racers.Count(won => won)));
        }
    }
}

public sealed class SqliteInboundKeyRaceContract : InboundKeyRaceContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresInboundKeyRaceContract(PostgresFixture fixture) : InboundKeyRaceContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
