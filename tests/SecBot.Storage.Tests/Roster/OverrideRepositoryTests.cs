using Microsoft.Data.Sqlite;
using SecBot.Domain.Roster;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Roster;

public sealed class OverrideRepositoryTests
{
    [Fact]
    public async Task An_added_override_comes_back_as_the_domain_record_with_its_id_and_creation_time()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
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
        await using var database = await TemporaryDatabase.MigratedAsync();
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
        await using var database = await TemporaryDatabase.MigratedAsync();
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();

        await Assert.ThrowsAsync<ArgumentException>(
            () => overrides.AddAsync("rotation:l1", "sam", now, now, "maya", CancellationToken.None));
    }

    [Fact]
    public async Task An_override_for_an_unknown_person_is_refused_by_the_database()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();

        await Assert.ThrowsAsync<SqliteException>(
            () => overrides.AddAsync("rotation:l1", "nobody", now, now.AddHours(1), "maya", CancellationToken.None));
        Assert.Equal(0, await database.CountAsync("oncall_overrides"));
    }
}
