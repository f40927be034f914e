namespace SecBot.Storage.Roster;

/// <summary>The <c>learned_platform_ids</c> columns as Dapper reads them.</summary>
internal sealed class LearnedPlatformIdRow
{
    public const string Columns = "person_id, platform, user_id, email, learned_at";

    public string PersonId { get; init; } = "";
    public string Platform { get; init; } = "";
    public string UserId { get; init; } = "";
    public string Email { get; init; } = "";
    public DateTimeOffset LearnedAt { get; init; }

    public LearnedPlatformId ToLearned() => new(PersonId, Platform, UserId, Email, LearnedAt);
}
