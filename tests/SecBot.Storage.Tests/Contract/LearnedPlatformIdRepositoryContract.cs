using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class LearnedPlatformIdRepositoryContract : StoreContract
{
    [Fact]
    public async Task A_learned_id_comes_back_with_the_email_it_was_learned_from_and_when()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var repository = new LearnedPlatformIdRepository(database.Store);
        var now = database.Time.GetUtcNow();

        var recorded = await repository.RecordAsync("sam", "slack", "W012A3CDE", "sam.okafor@example.com", CancellationToken.None);
        var listed = await new LearnedPlatformIdRepository(database.NewStore()).ListAsync(CancellationToken.None);

        var expected = new LearnedPlatformId("sam", "slack", "W012A3CDE", "sam.okafor@example.com", now);
        Assert.Equal(expected, recorded);
        Assert.Equal([expected], listed);
    }

    [Fact]
    public async Task Learning_again_replaces_the_persons_id_and_takes_the_id_from_whoever_had_it()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        await database.AddPersonAsync("maya");
        var repository = new LearnedPlatformIdRepository(database.Store);
        await repository.RecordAsync("sam", "slack", "W0OLD", "sam@example.com", CancellationToken.None);
        await repository.RecordAsync("maya", "slack", "W0SHARED", "old@example.com", CancellationToken.None);
        await repository.RecordAsync("sam", "teams", "T0SAM", "sam@example.com", CancellationToken.None);
        database.Time.Advance(TimeSpan.FromHours(1));

        await repository.RecordAsync("sam", "slack", "W0SHARED", "sam@example.com", CancellationToken.None);
        var listed = await repository.ListAsync(CancellationToken.None);

        Assert.Equal(
            [
                new LearnedPlatformId("sam", "slack", "W0SHARED", "sam@example.com", database.Time.GetUtcNow()),
                new LearnedPlatformId("sam", "teams", "T0SAM", "sam@example.com", ContractDatabase.Start),
            ],
            listed);
    }

    [Fact]
    public async Task A_person_removed_from_the_roster_takes_what_was_learned_with_them()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var repository = new LearnedPlatformIdRepository(database.Store);
        await repository.RecordAsync("sam", "slack", "W012A3CDE", "sam@example.com", CancellationToken.None);

        await database.ExecuteAsync("DELETE FROM people WHERE id = 'sam'");

        Assert.Empty(await repository.ListAsync(CancellationToken.None));
    }
}

public sealed class SqliteLearnedPlatformIdRepositoryContract : LearnedPlatformIdRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLearnedPlatformIdRepositoryContract(PostgresFixture fixture) : LearnedPlatformIdRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
