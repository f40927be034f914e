using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Domain.Policy;
using SecBot.Storage.Delivery;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Postgres;

/// <summary>What a host does first on PostgreSQL, which the multi-replica test found broken: flags and id lists as parameters.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHostPathTests(PostgresFixture fixture)
{
    [Fact]
    public async Task The_roster_sync_stores_current_and_dated_assignments_and_a_second_sync_changes_nothing()
    {
        await using var database = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);
        var sync = new RosterSync(database.Store, NullLogger<RosterSync>.Instance);
        var roster = new RosterOptions
        {
            People =
            [
                new PersonOptions
                {
                    Id = "maya", Name = "Maya", Email = "maya@example.com", Roles = ["SocEngineer"],
                    Assignments = [new AssignmentOptions { Role = "SecurityArchitect", From = new DateOnly(2025, 7, 1), To = new DateOnly(2025, 12, 31) }],
                },
            ],
        };

        var first = await sync.SyncAsync(roster, CancellationToken.None);
        var second = await sync.SyncAsync(roster, CancellationToken.None);

        Assert.Equal((1, 2), (first.PeopleAdded, first.AssignmentsAdded));
        Assert.Equal((0, 0, 0), (second.PeopleAdded, second.AssignmentsAdded, second.AssignmentsRemoved));
    }

    [Fact]
    public async Task A_completed_run_marks_the_sent_messages_and_hands_back_the_rest_in_place()
    {
        await using var database = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);
        var outbox = new OutboxRepository(database.Store);
        foreach (var body in new[] { "a1", "a2", "a3" }) await outbox.EnqueueAsync(new OutboxMessage("slack", "C-A", "chat.post", body), CancellationToken.None);
        var run = Assert.Single(await outbox.ClaimRunsAsync(database.Time.GetUtcNow(), 10, 10, "one", CancellationToken.None));

        var marked = await outbox.CompleteRunAsync([run[0].Id], [run[1].Id, run[2].Id], "one", CancellationToken.None);

        Assert.Equal(1, marked);
        Assert.Equal(new OutboxCounts(2, 0), await outbox.CountAsync(CancellationToken.None));
        var again = Assert.Single(await outbox.ClaimRunsAsync(database.Time.GetUtcNow(), 10, 10, "two", CancellationToken.None));
        Assert.Equal([run[1].Id, run[2].Id], again.Select(message => message.Id));
    }
}
