using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Roster;

public sealed class OverrideListingTests
{
    [Fact]
    public async Task Every_override_lists_in_the_order_it_was_added_cancelled_ones_included()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        foreach (var person in new[] { "sam", "amara", "olivia" }) await database.AddPersonAsync(person);
        var overrides = new OverrideRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var later = await overrides.AddAsync("SocL1", "sam", now.AddHours(2), now.AddHours(4), "sam", CancellationToken.None);
        var cancelled = await overrides.AddAsync("SocL1", "amara", now, now.AddHours(1), "amara", CancellationToken.None);
        await database.Store.WriteAsync(t => overrides.CancelAsync(t, cancelled.Id, "olivia"), CancellationToken.None);

        var all = await database.Store.ReadAsync(c => overrides.ListAllAsync(c, CancellationToken.None), CancellationToken.None);

        Assert.Equal([later.Id, cancelled.Id], all.Select(o => o.Id));
        Assert.Equal([("sam", null, null), ("amara", "olivia", (DateTimeOffset?)now)], all.Select(o => (o.PersonId, o.CancelledBy, o.CancelledAt)));
        Assert.Equal(now.AddHours(2), all[0].From);
    }
}
