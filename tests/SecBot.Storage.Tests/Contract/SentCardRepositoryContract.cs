using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class SentCardRepositoryContract : StoreContract
{
    [Fact]
    public async Task The_cards_about_a_subject_on_a_platform_are_listed_oldest_first()
    {
        var database = Database;
        var repository = new SentCardRepository(database.Store);
        var page = new SentCard("slack", "INC-1", "D0MAYA", "1503435956.000247", null);
        var announcement = new SentCard("slack", "INC-1", "C0INCIDENTS", "1503435956.000250", null);
        var teamsPage = new SentCard("teams", "INC-1", "a:1on1-maya", "1:abc", "https://smba.trafficmanager.net/emea/");
        await repository.RecordAsync(page, CancellationToken.None);
        await repository.RecordAsync(new SentCard("slack", "INC-2", "D0MAYA", "1503435956.000248", null), CancellationToken.None);
        await repository.RecordAsync(teamsPage, CancellationToken.None);
        await repository.RecordAsync(announcement, CancellationToken.None);

        var listed = await new SentCardRepository(database.NewStore()).ListAsync("slack", "INC-1", CancellationToken.None);

        Assert.Equal([page, announcement], listed);
        Assert.Equal([teamsPage], await repository.ListAsync("teams", "INC-1", CancellationToken.None));
        Assert.Empty(await repository.ListAsync("slack", "REV-1", CancellationToken.None));
    }

    [Fact]
    public async Task The_outbox_row_a_card_came_from_is_kept_with_it_and_a_card_without_one_lists_none()
    {
        var database = Database;
        var repository = new SentCardRepository(database.Store);
        var request = new SentCard("slack", "REV-1", "D0REVIEWER", "1503435956.000247", null) { Recipient = "person:reviewer", OutboxId = 9_000_000_001 };
        var unknown = request with { MessageId = "1503435956.000250", OutboxId = null };
        await repository.RecordAsync(request, CancellationToken.None);
        await repository.RecordAsync(unknown, CancellationToken.None);

        Assert.Equal([request, unknown], await new SentCardRepository(database.NewStore()).ListAsync("slack", "REV-1", CancellationToken.None));
    }

    [Fact]
    public async Task Recording_the_same_message_again_changes_nothing()
    {
        var database = Database;
        var repository = new SentCardRepository(database.Store);
        var page = new SentCard("slack", "INC-1", "D0MAYA", "1503435956.000247", null);
        await repository.RecordAsync(page, CancellationToken.None);
        var sentAt = await database.ScalarAsync<long>("SELECT sent_at FROM sent_cards");
        database.Time.Advance(TimeSpan.FromMinutes(5));

        // A redelivery after a crash between the post and the outbox's mark records the same message again.
        await repository.RecordAsync(page, CancellationToken.None);
        await repository.RecordAsync(page with { Subject = "INC-9" }, CancellationToken.None);

        Assert.Equal([page], await repository.ListAsync("slack", "INC-1", CancellationToken.None));
        Assert.Empty(await repository.ListAsync("slack", "INC-9", CancellationToken.None));
        Assert.Equal(sentAt, await database.ScalarAsync<long>("SELECT sent_at FROM sent_cards"));
    }

    [Fact]
    public async Task The_same_message_id_in_another_conversation_or_on_another_platform_is_another_card()
    {
        var database = Database;
        var repository = new SentCardRepository(database.Store);
        var inDm = new SentCard("slack", "INC-1", "D0MAYA", "1503435956.000247", null);
        var inChannel = inDm with { ConversationId = "C0INCIDENTS" };
        var onTeams = inDm with { Platform = "teams" };

        await repository.RecordAsync(inDm, CancellationToken.None);
        await repository.RecordAsync(inChannel, CancellationToken.None);
        await repository.RecordAsync(onTeams, CancellationToken.None);

        Assert.Equal([inDm, inChannel], await repository.ListAsync("slack", "INC-1", CancellationToken.None));
        Assert.Equal(3, await database.CountAsync("sent_cards"));
    }
}

public sealed class SqliteSentCardRepositoryContract : SentCardRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSentCardRepositoryContract(PostgresFixture fixture) : SentCardRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
