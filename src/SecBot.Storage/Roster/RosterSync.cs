using Microsoft.Extensions.Logging;
using SecBot.Domain.Policy;
using SecBot.Storage.Database;

namespace SecBot.Storage.Roster;

/// <summary>
/// Mirrors the configured roster (people and their role assignments) into the database at start,
/// in one transaction. Running it again with the same configuration changes nothing.
/// </summary>
public sealed partial class RosterSync
{

    private readonly IStore _store;
    private readonly ILogger<RosterSync> _logger;

    public RosterSync(IStore store, ILogger<RosterSync> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _logger = logger;
    }

    public async Task<RosterSyncResult> SyncAsync(RosterOptions roster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var result = await _store.WriteAsync(transaction => SyncAsync(transaction, roster), cancellationToken);
        LogSynced(result.PeopleAdded, result.PeopleUpdated, result.PeopleRemoved, result.PeopleRetired.Count, result.AssignmentsAdded, result.AssignmentsRemoved);
        return result;
    }

    private async Task<RosterSyncResult> SyncAsync(StoreTransaction transaction, RosterOptions roster)
    {
        await transaction.TakeTurnAsync(SerializedSection.RosterSync);
        var stored = (await transaction.QueryAsync<PersonRow>(
                "SELECT id, name, email, slack_user_id, teams_user_id, configured FROM people"))
            .ToDictionary(person => person.Id, StringComparer.Ordinal);
        var configured = roster.People
            .Select(PersonRow.FromOptions)
            .DistinctBy(person => person.Id, StringComparer.Ordinal)
            .ToList();

        var (added, updated) = await UpsertPeopleAsync(transaction, configured, stored);
        var (assignmentsAdded, assignmentsRemoved) = await SyncAssignmentsAsync(transaction, roster.People);

        var configuredIds = configured.Select(person => person.Id).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        var retired = new List<string>();
        foreach (var person in stored.Values.Where(person => !configuredIds.Contains(person.Id)))
        {
            if (await TryDeletePersonAsync(transaction, person.Id))
            {
                removed++;
                LogPersonRemoved(person.Id);
            }
            else if (person.Configured)
            {
                await transaction.ExecuteAsync("UPDATE people SET configured = 0 WHERE id = @Id", new { person.Id });
                retired.Add(person.Id);
                LogPersonRetired(person.Id);
            }
        }

        return new RosterSyncResult(added, updated, removed, retired, assignmentsAdded, assignmentsRemoved);
    }

    private static async Task<(int Added, int Updated)> UpsertPeopleAsync(
        StoreTransaction transaction, List<PersonRow> configured, Dictionary<string, PersonRow> stored)
    {
        int added = 0, updated = 0;
        foreach (var person in configured)
        {
            if (!stored.TryGetValue(person.Id, out var existing))
            {
                added++;
            }
            else if (existing != person)
            {
                updated++;
            }

            await transaction.ExecuteAsync(
                """
                INSERT INTO people (id, name, email, slack_user_id, teams_user_id, configured, synced_at)
                VALUES (@Id, @Name, @Email, @SlackUserId, @TeamsUserId, 1, @Now)
                ON CONFLICT (id) DO UPDATE SET
                    name = excluded.name,
                    email = excluded.email,
                    slack_user_id = excluded.slack_user_id,
                    teams_user_id = excluded.teams_user_id,
                    configured = 1,
                    synced_at = excluded.synced_at
                """,
                new { person.Id, person.Name, person.Email, person.SlackUserId, person.TeamsUserId, transaction.Now });
        }

        return (added, updated);
    }

    private static async Task<(int Added, int Removed)> SyncAssignmentsAsync(StoreTransaction transaction, List<PersonOptions> people)
    {
        var desired = people.SelectMany(RoleAssignmentRow.FromOptions).ToHashSet();
        var stored = (await transaction.QueryAsync<RoleAssignmentRow>(
            "SELECT id, person_id, role, from_date, to_date, current FROM role_assignments")).ToList();

        var removed = 0;
        foreach (var assignment in stored.Where(assignment => !desired.Contains(assignment.WithoutId())))
        {
            removed += await transaction.ExecuteAsync("DELETE FROM role_assignments WHERE id = @Id", new { assignment.Id });
        }

        var kept = stored.Select(assignment => assignment.WithoutId()).ToHashSet();
        var added = 0;
        foreach (var assignment in desired.Where(assignment => !kept.Contains(assignment)))
        {
            added += await transaction.ExecuteAsync(
                """
                INSERT INTO role_assignments (person_id, role, from_date, to_date, current)
                VALUES (@PersonId, @Role, @FromDate, @ToDate, @Current)
                """,
                new { assignment.PersonId, assignment.Role, assignment.FromDate, assignment.ToDate, assignment.Current });
        }

        return (added, removed);
    }

    // The foreign keys are the authoritative list of what references a person, including tables
    // later migrations add, so the delete is simply tried; a refused one is undone and the transaction carries on.
    private static Task<bool> TryDeletePersonAsync(StoreTransaction transaction, string personId) =>
        transaction.TryAsync(
            async () => await transaction.ExecuteAsync("DELETE FROM people WHERE id = @Id", new { Id = personId }) >= 0,
            StoreConstraint.ForeignKey);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Roster synced: {Added} people added, {Updated} updated, {Removed} removed, {Retired} retired; {AssignmentsAdded} role assignments added, {AssignmentsRemoved} removed")]
    private partial void LogSynced(int added, int updated, int removed, int retired, int assignmentsAdded, int assignmentsRemoved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} is no longer configured and was removed")]
    private partial void LogPersonRemoved(string personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} is no longer configured but is still referenced; kept as not configured")]
    private partial void LogPersonRetired(string personId);
}
