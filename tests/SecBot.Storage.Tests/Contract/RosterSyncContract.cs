using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Domain.Policy;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class RosterSyncContract : StoreContract
{
    [Fact]
    public async Task The_first_sync_stores_people_with_their_current_roles_and_dated_assignments()
    {
        var database = Database;

        var result = await Sync(database).SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);

        Assert.Equal(new RosterSyncResult(2, 0, 0, [], 4, 0), result with { PeopleRetired = [] });
        Assert.Equal(
            ["maya IncidentResponseLead current", "maya RedTeamEngineer 2026-01-01..2026-06-30", "maya SeniorSocEngineer current", "sam SocEngineer current"],
            await AssignmentsAsync(database));
        Assert.Equal("U0MAYA0001", await database.ScalarAsync<string>("SELECT slack_user_id FROM people WHERE id = 'maya'"));
        Assert.Null(await database.ScalarAsync<string?>("SELECT teams_user_id FROM people WHERE id = 'sam'"));
    }

    [Fact]
    public async Task Syncing_the_same_roster_again_changes_nothing()
    {
        var database = Database;
        var sync = Sync(database);
        await sync.SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);
        var peopleBefore = await PeopleAsync(database);
        var assignmentsBefore = await database.QueryAsync<string>("SELECT id || role FROM role_assignments ORDER BY id");

        var again = await sync.SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);

        Assert.False(again.ChangedAnything);
        Assert.Equal(peopleBefore, await PeopleAsync(database));
        Assert.Equal(assignmentsBefore, await database.QueryAsync<string>("SELECT id || role FROM role_assignments ORDER BY id"));
    }

    [Fact]
    public async Task Changed_details_and_roles_are_updated_in_place()
    {
        var database = Database;
        var sync = Sync(database);
        await sync.SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);
        var maya = Maya();
        maya.Email = "maya.chen@example.com";
        maya.Roles = ["SeniorSocEngineer"];

        var result = await sync.SyncAsync(Roster(maya, Sam()), CancellationToken.None);

        Assert.Equal((0, 1, 0, 1), (result.PeopleAdded, result.PeopleUpdated, result.AssignmentsAdded, result.AssignmentsRemoved));
        Assert.Equal("maya.chen@example.com", await database.ScalarAsync<string>("SELECT email FROM people WHERE id = 'maya'"));
        Assert.DoesNotContain("maya IncidentResponseLead current", await AssignmentsAsync(database));
    }

    [Fact]
    public async Task A_person_no_longer_configured_is_removed_when_nothing_references_them()
    {
        var database = Database;
        var sync = Sync(database);
        await sync.SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);

        var result = await sync.SyncAsync(Roster(Maya()), CancellationToken.None);

        Assert.Equal(1, result.PeopleRemoved);
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM people WHERE id = 'sam'"));
        Assert.DoesNotContain("sam SocEngineer current", await AssignmentsAsync(database));
    }

    [Fact]
    public async Task A_person_no_longer_configured_but_still_referenced_is_kept_as_not_configured()
    {
        var database = Database;
        var sync = Sync(database);
        await sync.SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);
        var now = database.Time.GetUtcNow();
        await new OverrideRepository(database.Store).AddAsync("rotation:l1", "sam", now, now.AddHours(8), "maya", CancellationToken.None);

        var result = await sync.SyncAsync(Roster(Maya()), CancellationToken.None);
        var again = await sync.SyncAsync(Roster(Maya()), CancellationToken.None);

        Assert.Equal(["sam"], result.PeopleRetired);
        Assert.Equal(0, result.PeopleRemoved);
        Assert.False(again.ChangedAnything);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT configured FROM people WHERE id = 'sam'"));
        Assert.DoesNotContain("sam SocEngineer current", await AssignmentsAsync(database));
        Assert.Equal(1, await database.CountAsync("oncall_overrides"));
    }

    [Fact]
    public async Task A_retired_person_who_returns_to_the_configuration_is_configured_again()
    {
        var database = Database;
        var sync = Sync(database);
        await sync.SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);
        var now = database.Time.GetUtcNow();
        await new OverrideRepository(database.Store).AddAsync("rotation:l1", "sam", now, now.AddHours(8), "maya", CancellationToken.None);
        await sync.SyncAsync(Roster(Maya()), CancellationToken.None);

        var result = await sync.SyncAsync(Roster(Maya(), Sam()), CancellationToken.None);

        Assert.Equal(1, result.PeopleUpdated);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT configured FROM people WHERE id = 'sam'"));
        Assert.Contains("sam SocEngineer current", await AssignmentsAsync(database));
    }

    private static RosterSync Sync(ContractDatabase database) => new(database.Store, NullLogger<RosterSync>.Instance);

    private static RosterOptions Roster(params PersonOptions[] people) => new() { People = [.. people] };

    private static PersonOptions Maya() => new()
    {
        Id = "maya",
        Name = "Maya Chen",
        Email = "maya@example.com",
        SlackUserId = "U0MAYA0001",
        TeamsUserId = "00000000-0000-0000-0000-00000000maya",
        Roles = ["SeniorSocEngineer", "IncidentResponseLead"],
        Assignments = [new AssignmentOptions { Role = "RedTeamEngineer", From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 6, 30) }],
    };

    private static PersonOptions Sam() => new()
    {
        Id = "sam",
        Name = "Sam Okafor",
        Email = "sam@example.com",
        SlackUserId = "U0SAM00002",
        Roles = ["SocEngineer"],
    };

    private static async Task<List<string>> AssignmentsAsync(ContractDatabase database)
    {
        return [.. await database.QueryAsync<string>(
            """
            SELECT person_id || ' ' || role || ' ' || CASE WHEN current = 1 THEN 'current' ELSE from_date || '..' || coalesce(to_date, '') END
            FROM role_assignments ORDER BY 1
            """)];
    }

    private static async Task<List<string>> PeopleAsync(ContractDatabase database)
    {
        return [.. await database.QueryAsync<string>(
            "SELECT id || '|' || name || '|' || coalesce(email, '') || '|' || coalesce(slack_user_id, '') || '|' || configured FROM people ORDER BY id")];
    }
}

public sealed class SqliteRosterSyncContract : RosterSyncContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRosterSyncContract(PostgresFixture fixture) : RosterSyncContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
