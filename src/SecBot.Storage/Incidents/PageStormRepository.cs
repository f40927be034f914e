using Dapper;
using SecBot.Domain.Incidents;

namespace SecBot.Storage.Incidents;

/// <summary>
/// Storm control's state per person (<c>page_recipients</c>, <c>page_sends</c>, <c>held_pages</c>), read and written in
/// the transaction of the change that pages: the page DMs sent within the window, the pages held for a digest, and when
/// that digest goes out. In the store, not in memory, so every replica counts the same pages.
/// </summary>
public sealed class PageStormRepository
{
    /// <summary>
    /// Takes <paramref name="personId"/>'s row for the rest of the transaction (a concurrent page to them waits), forgets
    /// their sends at or before <paramref name="windowStart"/>, and returns their state, with the sends counted up to
    /// <paramref name="countUpTo"/> (the limit: past it the number does not matter, and counting stays cheap when the limit is
    /// lifted), newest first, and the time of the oldest send counted: when it leaves the window there is room for one more.
    /// Take several people in one order (ordinal) so two transactions never wait on each other.
    /// </summary>
    public async Task<PageStormState> EnterAsync(StoreTransaction transaction, string personId, DateTimeOffset windowStart, int countUpTo)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        var recipient = await transaction.QuerySingleAsync<RecipientRow>(
            """
            INSERT INTO page_recipients (person_id, digest_due_at, paged_at) VALUES (@PersonId, NULL, @Now)
            ON CONFLICT (person_id) DO UPDATE SET paged_at = excluded.paged_at
            RETURNING digest_due_at
            """,
            new { PersonId = personId, transaction.Now });
        await transaction.ExecuteAsync(
            "DELETE FROM page_sends WHERE person_id = @PersonId AND sent_at <= @WindowStart", new { PersonId = personId, WindowStart = windowStart });
        var sent = await transaction.QuerySingleAsync<SentRow>(
            """
            SELECT count(*) AS sent, min(sent_at) AS oldest_at
            FROM (SELECT sent_at FROM page_sends WHERE person_id = @PersonId ORDER BY sent_at DESC LIMIT @CountUpTo) AS counted
            """,
            new { PersonId = personId, CountUpTo = countUpTo });
        return new PageStormState((int)sent.Sent, recipient.DigestDueAt, sent.OldestAt);
    }

    /// <summary>Counts one page DM (or digest) to <paramref name="personId"/>, queued now.</summary>
    public Task RecordSendAsync(StoreTransaction transaction, string personId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ExecuteAsync(
            "INSERT INTO page_sends (person_id, sent_at) VALUES (@PersonId, @Now)", new { PersonId = personId, transaction.Now });
    }

    /// <summary>
    /// Holds a page for <paramref name="personId"/>'s digest, due at <paramref name="digestDueAt"/> unless one is due
    /// already. True when this page started the digest (the caller sets its timer).
    /// </summary>
    public async Task<bool> HoldAsync(StoreTransaction transaction, string personId, Page page, long incidentNumber, DateTimeOffset digestDueAt)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(page);
        await transaction.ExecuteAsync(
            """
            INSERT INTO held_pages (person_id, incident_id, level, attempt, held_at)
            VALUES (@PersonId, @IncidentId, @Level, @Attempt, @Now)
            """,
            new { PersonId = personId, IncidentId = incidentNumber, page.Level, page.Attempt, transaction.Now });
        return await transaction.ExecuteAsync(
            """
            INSERT INTO page_recipients (person_id, digest_due_at, paged_at) VALUES (@PersonId, @DueAt, @Now)
            ON CONFLICT (person_id) DO UPDATE SET digest_due_at = excluded.digest_due_at WHERE page_recipients.digest_due_at IS NULL
            """,
            new { PersonId = personId, DueAt = digestDueAt, transaction.Now }) == 1;
    }

    /// <summary>Takes every page held for <paramref name="personId"/>, oldest first, and clears their pending digest.</summary>
    public async Task<IReadOnlyList<HeldPage>> TakeHeldAsync(StoreTransaction transaction, string personId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await transaction.ExecuteAsync(
            "UPDATE page_recipients SET digest_due_at = NULL WHERE person_id = @PersonId", new { PersonId = personId });
        var held = await transaction.QueryAsync<HeldPageRow>(
            "SELECT incident_id, level, attempt, held_at FROM held_pages WHERE person_id = @PersonId ORDER BY id", new { PersonId = personId });
        await transaction.ExecuteAsync("DELETE FROM held_pages WHERE person_id = @PersonId", new { PersonId = personId });
        return [.. held.Select(row => new HeldPage(row.IncidentId, row.Level, (int)row.Attempt, row.HeldAt))];
    }

    /// <summary>The pages held for <paramref name="personId"/>'s next digest, oldest first, and when it is due.</summary>
    public static async Task<(IReadOnlyList<HeldPage> Held, DateTimeOffset? DigestDueAt)> ListHeldAsync(
        System.Data.IDbConnection connection, string personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var held = await connection.QueryAsync<HeldPageRow>(new CommandDefinition(
            "SELECT incident_id, level, attempt, held_at FROM held_pages WHERE person_id = @PersonId ORDER BY id",
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        var recipient = await connection.QuerySingleOrDefaultAsync<RecipientRow>(new CommandDefinition(
            "SELECT digest_due_at FROM page_recipients WHERE person_id = @PersonId", new { PersonId = personId }, cancellationToken: cancellationToken));
        return ([.. held.Select(row => new HeldPage(row.IncidentId, row.Level, (int)row.Attempt, row.HeldAt))], recipient?.DigestDueAt);
    }

    private sealed class RecipientRow
    {
        public DateTimeOffset? DigestDueAt { get; init; }
    }

    private sealed class SentRow
    {
        public long Sent { get; init; }

        public DateTimeOffset? OldestAt { get; init; }
    }

    private sealed class HeldPageRow
    {
        public long IncidentId { get; init; }
        public string Level { get; init; } = "";
        public long Attempt { get; init; }
        public DateTimeOffset HeldAt { get; init; }
    }
}

/// <summary>A page held for its person's digest.</summary>
public sealed record HeldPage(long IncidentNumber, string Level, int Attempt, DateTimeOffset HeldAt);
