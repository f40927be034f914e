using System.Data;
using SecBot.Domain.Incidents;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Incidents through <see cref="IncidentRepository"/> and their own channels through <see cref="IncidentChannelRepository"/>.</summary>
public abstract class IncidentRepositoryContract : StoreContract
{
    [Fact]
    public async Task A_declared_incident_loads_back_with_its_pages_timeline_and_escalation_timer()
    {
        await Database.AddPersonAsync("maya", "Maya");
        await Database.AddPersonAsync("sam", "Sam");
        var at = Now;
        var number = await DeclareAsync(at, "C0SEC/1700000000.000100", pages: [new Page("maya", "L1", 1, at, PageReason.OnCall), new Page("sam", "L1", 1, at, PageReason.ManagerFallback, "nobody on call")]);

        var loaded = await Store.ReadAsync(c => Incidents.LoadAsync(c, null, number, None), None);

        Assert.NotNull(loaded);
        Assert.Equal(Declared(number, at, "C0SEC/1700000000.000100", []).Incident with { Pages = loaded.Pages }, loaded);
        Assert.Equal(["maya OnCall", "sam ManagerFallback nobody on call"], loaded.Pages.Select(p => $"{p.PersonId} {p.Reason} {p.Note}".Trim()));
        Assert.Equal([IncidentEventKinds.Declared], (await Store.ReadAsync(c => Incidents.TimelineAsync(c, number, None), None)).Select(e => e.Kind));
        var timer = Assert.Single(await Database.QueryAsync<(string Kind, string Subject, string Payload)>("SELECT kind, subject, payload FROM timers"));
        Assert.Equal((EscalationTimer.Kind, IncidentKey.Format(number)), (timer.Kind, timer.Subject));
        Assert.Equal(new EscalationTimer(number, "L1", 1, at.AddMinutes(5)), TimerPayload.Read(timer.Payload, at.AddMinutes(5)));
    }

    [Fact]
    public async Task A_decision_made_on_an_older_version_is_refused_and_writes_nothing()
    {
        var number = await DeclareAsync(Now, null, []);
        var declared = await Store.ReadAsync(c => Incidents.LoadAsync(c, null, number, None), None);
        await Store.WriteAsync(transaction => Incidents.SaveAsync(transaction, declared, Acknowledged(declared!, "maya", Now)), None);

        await Assert.ThrowsAsync<DBConcurrencyException>(() => Store.WriteAsync(
            transaction => Incidents.SaveAsync(transaction, declared, Acknowledged(declared!, "sam", Now)), None));

        var stored = await Store.ReadAsync(c => Incidents.LoadAsync(c, null, number, None), None);
        Assert.Equal(("maya", 2), (stored!.AcknowledgedBy, stored.Version));
        Assert.Equal(2, await Database.CountAsync("incident_events"));
    }

    [Fact]
    public async Task Open_incidents_list_newest_first_and_are_found_by_where_they_were_declared()
    {
        var first = await DeclareAsync(Now, "C0SEC", []);
        var second = await DeclareAsync(Now, "C0SEC", []);
        var resolved = await DeclareAsync(Now, "C0OPS", []);
        var loaded = await Store.ReadAsync(c => Incidents.LoadAsync(c, null, resolved, None), None);
        await Store.WriteAsync(
            transaction => Incidents.SaveAsync(
                transaction, loaded, new IncidentDecision(loaded! with { State = IncidentState.Resolved, ResolvedBy = "maya", ResolvedAt = Now, Version = 2 }, [], [], [])),
            None);

        Assert.Equal([second, first], (await Store.ReadAsync(c => Incidents.ListOpenAsync(c, None), None)).Select(i => i.Number));
        Assert.Equal(second, await Store.ReadAsync(c => Incidents.FindOpenByOriginAsync(c, null, "C0SEC", None), None));
        Assert.Null(await Store.ReadAsync(c => Incidents.FindOpenByOriginAsync(c, null, "C0OPS", None), None));
    }

    [Fact]
    public async Task An_incident_channel_records_its_creation_card_and_invitations_once()
    {
        var number = await DeclareAsync(Now, null, []);
        var channels = new IncidentChannelRepository(Store);

        Assert.Null(await channels.FindAsync(number, "slack", None));
        await channels.RecordCreatedAsync(number, "slack", "C0INC1", "inc-1-leak", None);
        await channels.MarkCardPostedAsync(number, "slack", None);
        var cardPostedAt = Now;
        Database.Time.Advance(TimeSpan.FromMinutes(1));
        await channels.MarkCardPostedAsync(number, "slack", None);
        await channels.RecordInvitedAsync(number, "slack", ["U1", "U2"], null, None);
        await channels.RecordInvitedAsync(number, "slack", ["U2", "U3"], "user_not_found", None);

        var channel = await channels.FindAsync(number, "slack", None);
        Assert.NotNull(channel);
        Assert.Equal(("C0INC1", "inc-1-leak", cardPostedAt), (channel.ChannelId, channel.Name, channel.CardPostedAt));
        Assert.Equal(["U1", "U2", "U3"], channel.Members.Order(StringComparer.Ordinal));
        Assert.Equal(number, await Store.ReadAsync(c => IncidentChannels.FindIncidentAsync(c, null, "slack", "C0INC1", None), None));
        Assert.Null(await Store.ReadAsync(c => IncidentChannels.FindIncidentAsync(c, null, "teams", "C0INC1", None), None));
    }

    [Fact]
    public async Task A_refresh_is_queued_unless_one_is_already_waiting_unclaimed()
    {
        var channels = new IncidentChannelRepository(Store);
        var refresh = new OutboxMessage("slack", "C0INC1", "card.refresh", "{}");

        Assert.True(await channels.EnqueueUnlessWaitingAsync(refresh, None));
        Assert.False(await channels.EnqueueUnlessWaitingAsync(refresh, None));
        await new OutboxRepository(Store).ClaimNextAsync(Now, 10, "dispatcher", None);
        Assert.True(await channels.EnqueueUnlessWaitingAsync(refresh, None));
        Assert.Equal(2, await Database.CountAsync("outbox"));
    }

    private Task<long> DeclareAsync(DateTimeOffset at, string? origin, IReadOnlyList<Page> pages) =>
        Store.WriteAsync(
            async transaction =>
            {
                var number = await Incidents.NextNumberAsync(transaction);
                await Incidents.SaveAsync(transaction, null, Declared(number, at, origin, pages));
                return number;
            },
            None);

    private static IncidentDecision Declared(long number, DateTimeOffset at, string? origin, IReadOnlyList<Page> pages) => new(
        new Incident
        {
            Number = number,
            Title = "Leaked key",
            Type = "general",
            Level = "L1",
            State = IncidentState.Open,
            DeclaredBy = "maya",
            DeclaredAt = at,
            Origin = origin,
            Pages = pages,
            Version = 1,
        },
        [new IncidentEvent(at, IncidentEventKinds.Declared, "maya", "Leaked key")],
        [],
        [new EscalationTimer(number, "L1", 1, at.AddMinutes(5))]);

    private static IncidentDecision Acknowledged(Incident before, string person, DateTimeOffset at) => new(
        before with { State = IncidentState.Acknowledged, AcknowledgedBy = person, AcknowledgedAt = at, AcknowledgedLevel = before.Level, Version = before.Version + 1 },
        [new IncidentEvent(at, IncidentEventKinds.Acknowledged, person, "")],
        [],
        []);
}

public sealed class SqliteIncidentRepositoryContract : IncidentRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresIncidentRepositoryContract(PostgresFixture fixture) : IncidentRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
