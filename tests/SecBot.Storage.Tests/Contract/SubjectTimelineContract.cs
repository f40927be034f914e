using Dapper;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Notes of what SecBot failed to do land on the timeline of the incident or gate they concern, and nowhere else.</summary>
public abstract class SubjectTimelineContract : StoreContract
{
    [Fact]
    public async Task A_note_about_an_incident_goes_on_its_timeline_as_secbot()
    {
        var database = Database;
        var incident = await database.AddIncidentAsync();

        Assert.True(await AppendAsync(database, $"INC-{incident}", "slack DM to maya could not be delivered: invalid_auth"));

        var events = await QueryAsync<(long IncidentId, DateTimeOffset At, string Kind, string Actor, string Detail)>(database, "SELECT incident_id, at, kind, actor, detail FROM incident_events");
        Assert.Equal((incident, ContractDatabase.Start, SubjectTimeline.DeliveryFailed, "secbot", "slack DM to maya could not be delivered: invalid_auth"), Assert.Single(events));
    }

    [Fact]
    public async Task A_note_about_a_gate_goes_on_the_gate_timeline_as_secbot()
    {
        var database = Database;
        var gate = await database.ScalarAsync<long>(
            "INSERT INTO gates (type, title, requester, state, created_at, updated_at) VALUES ('high-risk-deploy', 'Payments API', 'diego', 'open', 0, 0) RETURNING id");

        Assert.True(await AppendAsync(database, $"REV-{gate}", "timer gave up"));

        var events = await QueryAsync<(long GateId, string Kind, string Actor, string Detail)>(database, "SELECT gate_id, kind, actor, detail FROM gate_events");
        Assert.Equal((gate, SubjectTimeline.DeliveryFailed, "secbot", "timer gave up"), Assert.Single(events));
    }

    [Theory]
    [InlineData("INC-99")]
    [InlineData("REV-5")]
    [InlineData("FAR-1")]
    [InlineData("INC-")]
    [InlineData("INC-+1")]
    [InlineData("slack:C0123")]
    [InlineData(null)]
    public async Task A_note_about_nothing_stored_writes_nothing(string? subject)
    {
        var database = Database;
        await database.AddIncidentAsync();

        Assert.False(await AppendAsync(database, subject, "lost"));

        Assert.Equal(0, await database.CountAsync("incident_events") + await database.CountAsync("gate_events"));
    }

    private static Task<bool> AppendAsync(ContractDatabase database, string? subject, string detail) =>
        database.Store.WriteAsync(transaction => new SubjectTimeline().AppendAsync(transaction, subject, SubjectTimeline.DeliveryFailed, detail), CancellationToken.None);

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(ContractDatabase database, string sql) =>
        [.. await database.Store.ReadAsync(c => c.QueryAsync<T>(sql), CancellationToken.None)];
}

public sealed class SqliteSubjectTimelineContract : SubjectTimelineContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSubjectTimelineContract(PostgresFixture fixture) : SubjectTimelineContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
