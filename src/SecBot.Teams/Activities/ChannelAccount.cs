using System.Text.Json.Serialization;

namespace SecBot.Teams.Activities;

/// <summary>A user or bot: <c>29:…</c> (a user, per bot) or <c>28:&lt;appId&gt;</c> (a bot), with the user's Entra object id.</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }

    /// <summary>
    /// The id the roster knows a Teams user by (<c>TeamsUserId</c>, the AAD object id, contract.md): the object id when the
    /// activity carries one, else the Teams id.
    /// </summary>
    [JsonIgnore]
    public string? TeamsUserId => !string.IsNullOrWhiteSpace(AadObjectId) ? AadObjectId : Id;
}
