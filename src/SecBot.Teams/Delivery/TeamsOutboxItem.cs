using System.Text.Json.Nodes;

namespace SecBot.Teams.Delivery;

/// <summary>
/// A Teams-only outbox row, already rendered: the answer to an activity (a reply in its conversation, or the update of
/// the card a button was on). Kinds are in <see cref="TeamsOutboxKinds"/>; channel-neutral cards travel as <c>card</c> rows.
/// </summary>
public sealed record TeamsOutboxItem(string ServiceUrl, string ConversationId, JsonObject Activity)
{
    /// <summary>The activity to replace, for <see cref="TeamsOutboxKinds.Update"/>.</summary>
    public string? ActivityId { get; init; }
}
