namespace SecBot.Teams.Cards;

/// <summary>
/// Who a card mentions, as Teams needs them: the id Teams mentions them by (their AAD object id or <c>29:</c> id; null
/// when none is known, and the name is then written plainly) and the name the mention shows.
/// </summary>
public sealed record TeamsMentionTarget(string? TeamsUserId, string DisplayName);
