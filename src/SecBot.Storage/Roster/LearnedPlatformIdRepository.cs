using Dapper;

namespace SecBot.Storage.Roster;

/// <summary>
/// Chat user ids learned from roster e-mails (migration 0010), so a person configured with only an Email is
/// recognised when they press a button or type a command, and is not looked up again after a restart.
/// </summary>
public sealed class LearnedPlatformIdRepository
{
    private readonly IStore _store;

    public LearnedPlatformIdRepository(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// Records that <paramref name="personId"/> is <paramref name="userId"/> on <paramref name="platform"/>, learned from
    /// <paramref name="email"/> now, replacing what was learned for them before and taking the id from anyone it was
    /// learned for before (their e-mail moved). Returns the stored row.
    /// </summary>
    public Task<LearnedPlatformId> RecordAsync(string personId, string platform, string userId, string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return _store.WriteAsync(
            async transaction =>
            {
                var parameters = new { PersonId = personId, Platform = platform, UserId = userId, Email = email, transaction.Now };
                await transaction.ExecuteAsync(
                    "DELETE FROM learned_platform_ids WHERE platform = @Platform AND user_id = @UserId AND person_id <> @PersonId",
                    parameters);
                var row = await transaction.QuerySingleAsync<LearnedPlatformIdRow>(
                    $"""
                    INSERT INTO learned_platform_ids (person_id, platform, user_id, email, learned_at)
                    VALUES (@PersonId, @Platform, @UserId, @Email, @Now)
                    ON CONFLICT (person_id, platform) DO UPDATE SET user_id = excluded.user_id, email = excluded.email, learned_at = excluded.learned_at
                    RETURNING {LearnedPlatformIdRow.Columns}
                    """,
                    parameters);
                return row.ToLearned();
            },
            cancellationToken);
    }

    /// <summary>Everything learned, for the in-memory caches to start from.</summary>
    public Task<IReadOnlyList<LearnedPlatformId>> ListAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync<IReadOnlyList<LearnedPlatformId>>(
            async connection =>
            {
                var rows = await connection.QueryAsync<LearnedPlatformIdRow>(new CommandDefinition(
                    $"SELECT {LearnedPlatformIdRow.Columns} FROM learned_platform_ids ORDER BY platform, person_id",
                    cancellationToken: cancellationToken));
                return [.. rows.Select(row => row.ToLearned())];
            },
            cancellationToken);
}
