using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// What a refresh of a subject's cards waits for: that subject's cards on its platform queued up to a row, and any in-place
/// update there (an older update arriving after the refresh would undo it); nothing else, and nothing once it is sent.
/// </summary>
public abstract class EarlierPendingContract : StoreContract
{
    private const string Card = "card";

    [Fact]
    public async Task A_refresh_waits_for_the_subjects_unsent_cards_and_in_place_updates_up_to_its_row_on_its_platform_only()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var page = await outbox.EnqueueAsync(new OutboxMessage("slack", "person:maya", Card, """{"subject":"INC-1"}"""), CancellationToken.None);
        await outbox.EnqueueAsync(new OutboxMessage("slack", "person:maya", Card, """{"subject":"INC-2"}"""), CancellationToken.None);
        await outbox.EnqueueAsync(new OutboxMessage("teams", "person:maya", Card, """{"subject":"INC-1"}"""), CancellationToken.None);
        var refresh = Entry(await outbox.EnqueueAsync(new OutboxMessage("slack", "subject:INC-1", "card.refresh", """{"subject":"INC-1"}"""), CancellationToken.None));

        Assert.True(await outbox.HasEarlierPendingAsync(refresh, Card, "INC-1", upTo: page, CancellationToken.None));
        Assert.False(await outbox.HasEarlierPendingAsync(refresh, Card, "INC-1", upTo: page - 1, CancellationToken.None));
        Assert.False(await outbox.HasEarlierPendingAsync(refresh, Card, "INC-3", upTo: refresh.Id, CancellationToken.None));

        Assert.Equal(1, await outbox.CompleteRunAsync([page], [], "dispatcher", CancellationToken.None));
        Assert.False(await outbox.HasEarlierPendingAsync(refresh, Card, "INC-1", upTo: refresh.Id, CancellationToken.None));

        var update = await outbox.EnqueueAsync(new OutboxMessage("slack", "slack:D1", "slack.update", """{"channel":"D1","ts":"1.2"}"""), CancellationToken.None);
        Assert.True(await outbox.HasEarlierPendingAsync(refresh, Card, "INC-1", upTo: update, CancellationToken.None));
        Assert.False(await outbox.HasEarlierPendingAsync(refresh with { Platform = "teams" }, Card, "INC-9", upTo: update, CancellationToken.None));
    }

    private static OutboxEntry Entry(long id) =>
        new(id, "slack", "subject:INC-1", "card.refresh", "{}", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, null, OutboxState.Pending, null);
}

public sealed class SqliteEarlierPendingContract : EarlierPendingContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresEarlierPendingContract(PostgresFixture fixture) : EarlierPendingContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
