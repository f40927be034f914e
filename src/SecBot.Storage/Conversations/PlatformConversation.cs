namespace SecBot.Storage.Conversations;

/// <summary>
/// How a platform reaches one roster person directly (migration 0014): their user id there, and for Teams the Bot
/// Connector base and tenant of their activities and the 1:1 conversation, once one is known.
/// </summary>
public sealed record PlatformConversation(string PersonId, string Platform, string UserId, string? ConversationId, string? ServiceUrl, string? TenantId, DateTimeOffset UpdatedAt);
