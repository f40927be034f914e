using SecBot.Domain.Incidents;
using SecBot.Storage.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Storm control's state (<see cref="PageStormRepository"/>): counted per person in the store, so every replica sees the same pages.</summary>
public abstract class PageStormContract : StoreContract
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly PageStormRepository _storm = new();

    [Fact]
    public async Task Sends_are_counted_per_person_within_the_window_with_the_oldest_counted_and_older_ones_forgotten()
    {
        var start = Now;
        await SendAsync(Store, "olivia");
        Database.Time.Advance(TimeSpan.FromMinutes(5));
        await SendAsync(Store, "olivia");
        await SendAsync(Store, "priya");

        Assert.Equal(new PageStormState(2, null, start), await EnterAsync(Store, "olivia"));
        Database.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new PageStormState(1, null, start.AddMinutes(5)), await EnterAsync(Store, "olivia"));
        Assert.Equal(1, await Database.CountAsync("page_sends WHERE person_id = 'olivia'"));
        Assert.Equal(new PageStormState(0, null, null), await EnterAsync(Store, "raj"));
        Database.Time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(Store, "olivia");
        Database.Time.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(Store, "olivia");

        // Counted up to 2: the two newest, so the window has room again when the older of those two leaves it.
        Assert.Equal(
            new PageStormState(2, null, start.AddMinutes(11)),
            await Store.WriteAsync(t => _storm.EnterAsync(t, "olivia", t.Now - Window, countUpTo: 2), None));
    }

    [Fact]
    public async Task The_first_held_page_sets_the_digest_later_ones_join_it_and_taking_them_clears_it()
    {
        var first = await Database.AddIncidentAsync("First");
        var second = await Database.AddIncidentAsync("Second");
        var due = Now + Window;

        Assert.True(await HoldAsync("olivia", first, 1, due));
        Database.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await HoldAsync("olivia", second, 1, due + TimeSpan.FromMinutes(1)));
        Assert.False(await HoldAsync("olivia", first, 2, due + TimeSpan.FromMinutes(1)));

        var (listed, listedDue) = await Store.ReadAsync(c => PageStormRepository.ListHeldAsync(c, "olivia", None), None);
        Assert.Equal(due, listedDue);
        Assert.Equal([(first, 1), (second, 1), (first, 2)], listed.Select(h => (h.IncidentNumber, h.Attempt)));
        Assert.Equal(new PageStormState(0, due), await EnterAsync(Database.NewStore(), "olivia"));

        var taken = await Store.WriteAsync(t => _storm.TakeHeldAsync(t, "olivia"), None);

        Assert.Equal(listed, taken);
        Assert.Equal(new PageStormState(0, null), await EnterAsync(Store, "olivia"));
        Assert.Empty(await Store.WriteAsync(t => _storm.TakeHeldAsync(t, "olivia"), None));
        Assert.Equal(0, await Database.CountAsync("held_pages"));
    }

    [Fact]
    public async Task Concurrent_pages_to_one_person_from_several_replicas_are_counted_one_after_the_other()
    {
        const int Limit = 3;
        var stores = new[] { Store, Database.NewStore(), Database.NewStore() };

        var sent = await RaceAsync(Enumerable.Range(0, 12).Select(i => (Func<Task<bool>>)(() => stores[i % stores.Length].WriteAsync(
            async transaction =>
            {
                var state = await _storm.EnterAsync(transaction, "olivia", transaction.Now - Window, Limit);
                if (state.SentInWindow >= Limit) return false;
                await _storm.RecordSendAsync(transaction, "olivia");
                return true;
            },
            None))));

        Assert.Equal(Limit, sent.Count(s => s));
        Assert.Equal(Limit, await Database.CountAsync("page_sends"));
    }

    private Task SendAsync(IStore store, string person) => store.WriteAsync(t => _storm.RecordSendAsync(t, person), None);

    private Task<PageStormState> EnterAsync(IStore store, string person) =>
        store.WriteAsync(t => _storm.EnterAsync(t, person, t.Now - Window, 100), None);

    private Task<bool> HoldAsync(string person, long incident, int attempt, DateTimeOffset due) =>
        Store.WriteAsync(t => _storm.HoldAsync(t, person, new Page(person, "L3", attempt, t.Now, PageReason.OnCall), incident, due), None);
}

public sealed class SqlitePageStormContract : PageStormContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPageStormContract(PostgresFixture fixture) : PageStormContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
