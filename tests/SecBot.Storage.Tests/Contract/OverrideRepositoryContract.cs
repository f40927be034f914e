using System.Data.Common;
using SecBot.Domain.Roster;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class OverrideRepositoryContract : StoreContract
{
    [Fact]
    public async Task An_added_override_comes_back_as_the_domain_record_with_its_id_and_creation_time()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();

        var added = await overrides.AddAsync("rotation:l1", "sam", now.AddHours(1), now.AddHours(9), "maya", CancellationToken.None);

        Assert.Equal(new OnCallOverride(added.Id, "rotation:l1", "sam", now.AddHours(1), now.AddHours(9), "maya", now), added);
        Assert.True(added.Id > 0);
    }

    [Fact]
    public async Task Only_overrides_covering_the_instant_are_active()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        await database.AddPersonAsync("maya");
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var past = await overrides.AddAsync("role:SocEngineer", "sam", now.AddHours(-9), now, "maya", CancellationToken.None);
        var current = await overrides.AddAsync("rotation:l1", "sam", now.AddHours(-1), now.AddHours(7), "maya", CancellationToken.None);
        var upcoming = await overrides.AddAsync("rotation:l1", "maya", now.AddHours(7), now.AddHours(15), "sam", CancellationToken.None);

        var active = await overrides.ListActiveAsync(now, CancellationToken.None);
        var overlappingNextDay = await overrides.ListOverlappingAsync(now, now.AddDays(1), CancellationToken.None);

        Assert.Equal([current], active);
        Assert.Equal([current, upcoming], overlappingNextDay);
        Assert.DoesNotContain(past, overlappingNextDay);
    }

    [Fact]
    public async Task An_override_that_ends_before_it_starts_is_refused()
    {
        var database = Database;
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();

        await Assert.ThrowsAsync<ArgumentException>(
            () => overrides.AddAsync("rotation:l1", "sam", now, now, "maya", CancellationToken.None));
    }

    [Fact]
    public async Task An_override_for_an_unknown_person_is_refused_by_the_database()
    {
        var database = Database;
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();

        await Assert.ThrowsAnyAsync<DbException>(
            () => overrides.AddAsync("rotation:l1", "nobody", now, now.AddHours(1), "maya", CancellationToken.None));
        Assert.Equal(0, await database.CountAsync("oncall_overrides"));
    }

    [Fact]
    public async Task Cancelling_keeps_the_row_marked_with_who_and_when_and_it_is_no_longer_listed()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var cover = await overrides.AddAsync("role:SocEngineer", "sam", now.AddHours(-1), now.AddHours(7), "sam", CancellationToken.None);
        database.Time.Advance(TimeSpan.FromMinutes(5));

        var cancelled = await database.Store.WriteAsync(transaction => overrides.CancelAsync(transaction, cover.Id, "olivia"), CancellationToken.None);
        var again = await database.Store.WriteAsync(transaction => overrides.CancelAsync(transaction, cover.Id, "sam"), CancellationToken.None);
        var found = await database.Store.WriteAsync(transaction => overrides.FindAsync(transaction, cover.Id), CancellationToken.None);
        var inForce = await database.Store.WriteAsync(transaction => overrides.ListInForceAsync(transaction), CancellationToken.None);

        Assert.Equal(cover with { CancelledAt = now.AddMinutes(5), CancelledBy = "olivia" }, cancelled);
        Assert.Null(again);
        Assert.Equal(cancelled, found);
        Assert.Empty(inForce);
        Assert.Empty(await overrides.ListActiveAsync(now.AddMinutes(5), CancellationToken.None));
        Assert.Empty(await overrides.ListOverlappingAsync(now, DateTimeOffset.MaxValue, CancellationToken.None));
        Assert.Equal(1, await database.CountAsync("oncall_overrides"));
    }

    [Fact]
    public async Task Cancelling_a_cover_that_does_not_exist_changes_nothing()
    {
        var database = Database;

        var cancelled = await database.Store.WriteAsync(transaction => new OverrideRepository(database.Store).CancelAsync(transaction, 42, "olivia"), CancellationToken.None);

        Assert.Null(cancelled);
        Assert.Equal(0, await database.CountAsync("oncall_overrides"));
    }

    [Theory]
    [InlineData("DELETE FROM oncall_overrides")]
    [InlineData("UPDATE oncall_overrides SET ends_at = ends_at + 1")]
    [InlineData("UPDATE oncall_overrides SET person_id = 'sam'")]
    [InlineData("UPDATE oncall_overrides SET cancelled_at = NULL, cancelled_by = NULL")]
    [InlineData("UPDATE oncall_overrides SET cancelled_by = NULL")]
    public async Task The_database_refuses_deleting_a_cover_or_changing_it_other_than_by_one_cancellation(string sql)
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var now = database.Time.GetUtcNow();
        var cover = await new OverrideRepository(database.Store).AddAsync("role:SocEngineer", "sam", now, now.AddHours(7), "sam", CancellationToken.None);
        await database.Store.WriteAsync(transaction => new OverrideRepository(database.Store).CancelAsync(transaction, cover.Id, "sam"), CancellationToken.None);

        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteAsync(sql));

        Assert.Equal(1, await database.CountAsync("oncall_overrides"));
        Assert.Equal("sam", await database.ScalarAsync<string>("SELECT cancelled_by FROM oncall_overrides"));
    }

    [Fact]
    public async Task Cancelled_at_and_cancelled_by_are_set_together()
    {
        var database = Database;
        await database.AddPersonAsync("sam");
        var now = database.Time.GetUtcNow();
        await new OverrideRepository(database.Store).AddAsync("role:SocEngineer", "sam", now, now.AddHours(7), "sam", CancellationToken.None);

        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteAsync("UPDATE oncall_overrides SET cancelled_at = 1"));
    }
}

public sealed class SqliteOverrideRepositoryContract : OverrideRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOverrideRepositoryContract(PostgresFixture fixture) : OverrideRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
