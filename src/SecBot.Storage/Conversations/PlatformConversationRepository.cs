using Dapper;

namespace SecBot.Storage.Conversations;

/// <summary>The <c>platform_conversations</c> table: how each platform reaches each person, learned from inbound traffic.</summary>
public sealed class PlatformConversationRepository
{
    private const string Columns = "person_id, platform, user_id, conversation_id, service_url, tenant_id, updated_at";

    private readonly IStore _store;

    public PlatformConversationRepository(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// Keeps what was learned about <paramref name="learned"/>'s person on its platform. A null conversation id keeps the
    /// one stored (a channel message says nothing about the 1:1 chat); a new user id (the bot was re-registered) drops it.
    /// Returns the row as stored.
    /// </summary>
    public Task<PlatformConversation> RecordAsync(PlatformConversation learned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learned);
        return _store.WriteAsync(
            async transaction => (await transaction.QuerySingleAsync<Row>(
                $"""
                INSERT INTO platform_conversations ({Columns})
                VALUES (@PersonId, @Platform, @UserId, @ConversationId, @ServiceUrl, @TenantId, @Now)
                ON CONFLICT (person_id, platform) DO UPDATE SET
                    conversation_id = CASE
                        WHEN excluded.conversation_id IS NOT NULL THEN excluded.conversation_id
                        WHEN excluded.user_id = platform_conversations.user_id THEN platform_conversations.conversation_id
                    END,
                    user_id = excluded.user_id,
                    service_url = coalesce(excluded.service_url, platform_conversations.service_url),
                    tenant_id = coalesce(excluded.tenant_id, platform_conversations.tenant_id),
                    updated_at = excluded.updated_at
                RETURNING {Columns}
                """,
                new { learned.PersonId, learned.Platform, learned.UserId, learned.ConversationId, learned.ServiceUrl, learned.TenantId, transaction.Now })).ToConversation(),
            cancellationToken);
    }

    /// <summary>Everything learned on <paramref name="platform"/>, for the adapter's in-memory cache to start from.</summary>
    public Task<IReadOnlyList<PlatformConversation>> ListAsync(string platform, CancellationToken cancellationToken) =>
        _store.ReadAsync<IReadOnlyList<PlatformConversation>>(
            async connection =>
            {
                var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                    $"SELECT {Columns} FROM platform_conversations WHERE platform = @Platform ORDER BY person_id",
                    new { Platform = platform },
                    cancellationToken: cancellationToken));
                return [.. rows.Select(r => r.ToConversation())];
            },
            cancellationToken);

    private sealed class Row
    {
        public string PersonId { get; init; } = "";
        public string Platform { get; init; } = "";
        public string UserId { get; init; } = "";
        public string? ConversationId { get; init; }
        public string? ServiceUrl { get; init; }
        public string? TenantId { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public PlatformConversation ToConversation() => new(PersonId, Platform, UserId, ConversationId, ServiceUrl, TenantId, UpdatedAt);
    }

    /// <summary>Everything learned on every platform, by platform then person.</summary>
    public Task<IReadOnlyList<PlatformConversation>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync<IReadOnlyList<PlatformConversation>>(
            async connection =>
            {
                var rows = await connection.QueryAsync<Row>(new CommandDefinition(
                    $"SELECT {Columns} FROM platform_conversations ORDER BY platform, person_id",
                    cancellationToken: cancellationToken));
                return [.. rows.Select(r => r.ToConversation())];
            },
            cancellationToken);
}
