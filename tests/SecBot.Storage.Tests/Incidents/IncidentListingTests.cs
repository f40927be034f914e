using SecBot.Domain.Incidents;
using SecBot.Storage.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Incidents;

public sealed class IncidentListingTests
{
    private static readonly DateTimeOffset T0 = TemporaryDatabase.Start;

    [Fact]
    public async Task Every_incident_lists_oldest_first_resolved_ones_included_each_with_its_own_pages()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        foreach (var person in new[] { "maya", "sam", "amara" }) await database.AddPersonAsync(person);
        await DeclareAsync(database, Incident(1, "first") with { Pages = [new Page("sam", "L1", 1, T0, PageReason.OnCall)] });
        await DeclareAsync(database, Incident(2, "second") with { State = IncidentState.Resolved, ResolvedBy = "maya", ResolvedAt = T0 });
        await DeclareAsync(database, Incident(3, "third") with { Pages = [new Page("amara", "L2", 2, T0, PageReason.OnCall, "again")] });

        var all = await database.Store.ReadAsync(c => new IncidentRepository(database.Store).ListAllAsync(c, null, CancellationToken.None), CancellationToken.None);

        Assert.Equal(["first", "second", "third"], all.Select(i => i.Title));
        Assert.Equal(IncidentState.Resolved, all[1].State);
        Assert.Equal([new Page("sam", "L1", 1, T0, PageReason.OnCall)], all[0].Pages);
        Assert.Empty(all[1].Pages);
        Assert.Equal([new Page("amara", "L2", 2, T0, PageReason.OnCall, "again")], all[2].Pages);
    }

    [Fact]
    public async Task The_timeline_as_written_keeps_the_order_of_writing_even_when_an_earlier_instant_comes_later()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await database.AddPersonAsync("maya");
        var late = new IncidentEvent(T0.AddMinutes(5), "declared", "maya", "first written");
        var early = new IncidentEvent(T0, "escalated", "system", "");
        await database.Store.WriteAsync(t => new IncidentRepository(database.Store).SaveAsync(t, null, new IncidentDecision(Incident(1, "one"), [late, early], [], [])), CancellationToken.None);

        var asWritten = await database.Store.ReadAsync(c => new IncidentRepository(database.Store).TimelineAsWrittenAsync(c, 1, CancellationToken.None), CancellationToken.None);
        var byTime = await database.Store.ReadAsync(c => new IncidentRepository(database.Store).TimelineAsync(c, 1, CancellationToken.None), CancellationToken.None);

        Assert.Equal([late, early], asWritten);
        Assert.Equal([early, late], byTime);
    }

    private static Incident Incident(long number, string title) => new()
    {
        Number = number,
        Title = title,
        Type = "general",
        Level = "L1",
        State = IncidentState.Open,
        DeclaredBy = "maya",
        DeclaredAt = T0,
        Version = 1,
    };

    private static Task DeclareAsync(TemporaryDatabase database, Incident incident) =>
        database.Store.WriteAsync(t => new IncidentRepository(database.Store).SaveAsync(t, null, new IncidentDecision(incident, [], [], [])), CancellationToken.None);
}
