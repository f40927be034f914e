using System.Data;
using Dapper;
using SecBot.Storage.Delivery;

namespace SecBot.Storage.Incidents;

/// <summary>
/// Per-incident channels on any platform (e.g. <c>SecBot:Slack:PerIncidentChannels</c>, migration 0009): which channel
/// was made for which incident on which platform, whether its card was posted there, and who was invited. The chat layer
/// asks <see cref="FindIncidentAsync"/> which incident a platform's channel belongs to; the platform's sender records each
/// step as it completes, so a retried step resumes where the last attempt stopped instead of creating a second channel
/// or inviting twice.
/// </summary>
public sealed class IncidentChannelRepository
{
    private readonly IStore _store;

    public IncidentChannelRepository(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// The incident <paramref name="platform"/>'s channel <paramref name="channelId"/> was made for, whatever its state
    /// now; null for any other channel.
    /// </summary>
    public Task<long?> FindIncidentAsync(
        IDbConnection connection, IDbTransaction? transaction, string platform, string channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(channelId);
        return connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT incident_id FROM incident_channels WHERE channel_id = @ChannelId AND platform = @Platform ORDER BY incident_id DESC LIMIT 1",
            new { ChannelId = channelId, Platform = platform }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Incident <paramref name="incident"/>'s channel on <paramref name="platform"/> with who was invited, or null before it exists.</summary>
    public async Task<IncidentChannel?> FindAsync(IDbConnection connection, long incident, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = new { Incident = incident, Platform = platform };
        var row = await connection.QuerySingleOrDefaultAsync<IncidentChannelRow>(new CommandDefinition(
            $"SELECT {IncidentChannelRow.Columns} FROM incident_channels WHERE incident_id = @Incident AND platform = @Platform",
            parameters, cancellationToken: cancellationToken));
        if (row is null) return null;
        var members = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM incident_channel_members WHERE incident_id = @Incident AND platform = @Platform",
            parameters, cancellationToken: cancellationToken));
        return new IncidentChannel(row.IncidentId, row.Platform, row.ChannelId, row.Name, row.CreatedAt, row.CardPostedAt, members.ToHashSet(StringComparer.Ordinal));
    }

    public Task<IncidentChannel?> FindAsync(long incident, string platform, CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => FindAsync(connection, incident, platform, cancellationToken), cancellationToken);

    /// <summary>Records the channel just created for <paramref name="incident"/>.</summary>
    public Task RecordCreatedAsync(long incident, string platform, string channelId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _store.WriteAsync(
            transaction => transaction.ExecuteAsync(
                """
                INSERT INTO incident_channels (incident_id, platform, channel_id, name, created_at)
                VALUES (@Incident, @Platform, @ChannelId, @Name, @Now)
                """,
                new { Incident = incident, Platform = platform, ChannelId = channelId, Name = name, transaction.Now }),
            cancellationToken);
    }

    public Task MarkCardPostedAsync(long incident, string platform, CancellationToken cancellationToken) =>
        _store.WriteAsync(
            transaction => transaction.ExecuteAsync(
                "UPDATE incident_channels SET card_posted_at = @Now WHERE incident_id = @Incident AND platform = @Platform AND card_posted_at IS NULL",
                new { Incident = incident, Platform = platform, transaction.Now }),
            cancellationToken);

    /// <summary>Records invitations sent (<paramref name="error"/> null) or refused for good (the platform's error code).</summary>
    public Task RecordInvitedAsync(long incident, string platform, IEnumerable<string> users, string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var rows = users.Select(user => new { Incident = incident, Platform = platform, User = user, Error = error }).ToList();
        return _store.WriteAsync(
            async transaction =>
            {
                foreach (var row in rows)
                {
                    await transaction.ExecuteAsync(
                        """
                        INSERT INTO incident_channel_members (incident_id, platform, user_id, invited_at, error)
                        VALUES (@Incident, @Platform, @User, @Now, @Error)
                        ON CONFLICT (incident_id, platform, user_id) DO NOTHING
                        """,
                        new { row.Incident, row.Platform, row.User, row.Error, transaction.Now });
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Queues <paramref name="message"/> unless one of the same platform, channel key and kind is already waiting and not
    /// yet claimed: that one will read the database when it runs, so it covers whatever this one was for. One claimed
    /// (in flight) may have read too early, so it does not count. False when nothing was queued.
    /// </summary>
    public Task<bool> EnqueueUnlessWaitingAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _store.WriteAsync(
            async transaction =>
            {
                var waiting = await transaction.ExecuteScalarAsync<long>(
                    """
                    SELECT count(*) FROM outbox
                    WHERE platform = @Platform AND channel_key = @ChannelKey AND kind = @Kind AND state = 'pending' AND claimed_at IS NULL
                    """,
                    new { message.Platform, message.ChannelKey, message.Kind });
                if (waiting > 0) return false;
                await transaction.EnqueueOutboxAsync(message);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc cref="ListAllAsync(IDbConnection, CancellationToken)"/>
    public Task<IReadOnlyList<IncidentChannel>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAllAsync(connection, cancellationToken), cancellationToken);

    /// <summary>Every per-incident channel on every platform, by incident, with who was invited.</summary>
    public async Task<IReadOnlyList<IncidentChannel>> ListAllAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<IncidentChannelRow>(new CommandDefinition(
            $"SELECT {IncidentChannelRow.Columns} FROM incident_channels ORDER BY incident_id, platform", cancellationToken: cancellationToken));
        var members = (await connection.QueryAsync<(long IncidentId, string Platform, string UserId)>(new CommandDefinition(
            "SELECT incident_id, platform, user_id FROM incident_channel_members", cancellationToken: cancellationToken))).ToLookup(m => (m.IncidentId, m.Platform), m => m.UserId);
        return [.. rows.Select(row => new IncidentChannel(
            row.IncidentId, row.Platform, row.ChannelId, row.Name, row.CreatedAt, row.CardPostedAt, members[(row.IncidentId, row.Platform)].ToHashSet(StringComparer.Ordinal)))];
    }
}

/// <summary>An incident's own channel: where it is, whether its card is there, and who was invited (or refused).</summary>
public sealed record IncidentChannel(
    long Incident, string Platform, string ChannelId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? CardPostedAt, IReadOnlySet<string> Members);

internal sealed class IncidentChannelRow
{
    public const string Columns = "incident_id, platform, channel_id, name, created_at, card_posted_at";

    public long IncidentId { get; init; }
    public string Platform { get; init; } = "";
    public string ChannelId { get; init; } = "";
    public string Name { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CardPostedAt { get; init; }
}
