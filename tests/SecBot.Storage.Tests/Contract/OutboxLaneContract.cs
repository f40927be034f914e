using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>A claim (and the next due time) limited to a lane takes only its platforms' channels.</summary>
public abstract class OutboxLaneContract : StoreContract
{
    [Fact]
    public async Task A_lane_claims_only_its_platforms_messages_and_is_due_only_when_they_are()
    {
        var database = Database;
        var outbox = new OutboxRepository(Store);
        var slack = await outbox.EnqueueAsync(new OutboxMessage("slack", "person:maya", "card", "{}"), None);
        database.Time.Advance(TimeSpan.FromSeconds(1));
        var teams = await outbox.EnqueueAsync(new OutboxMessage("teams", "person:maya", "card", "{}"), None);
        var dropped = await outbox.EnqueueAsync(new OutboxMessage("gone", "person:maya", "card", "{}"), None);
        var teamsDue = Now;
        Assert.True(await outbox.MarkFailedAsync(slack, "chat.postMessage: http_500", Now.AddMinutes(1), None));

        Assert.Equal(teamsDue, await outbox.NextAttemptAtAsync(OutboxLane.Of("teams"), None));
        Assert.Equal(Now.AddMinutes(1), await outbox.NextAttemptAtAsync(OutboxLane.Of("slack"), None));
        Assert.Empty(await outbox.ClaimRunsAsync(Now, 10, 10, "slack-lane", OutboxLane.Of("slack"), None));
        Assert.Equal([dropped], (await outbox.ClaimRunsAsync(Now, 10, 10, "rest", OutboxLane.AllBut(["slack", "teams"]), None)).SelectMany(run => run).Select(m => m.Id));
        Assert.Equal([teams], (await outbox.ClaimRunsAsync(Now, 10, 10, "teams-lane", OutboxLane.Of("teams"), None)).SelectMany(run => run).Select(m => m.Id));
        Assert.Null(await outbox.NextAttemptAtAsync(OutboxLane.Of("console"), None));
    }
}

public sealed class SqliteOutboxLaneContract : OutboxLaneContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxLaneContract(PostgresFixture fixture) : OutboxLaneContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
