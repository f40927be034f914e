using System.Text.Json.Serialization;

namespace SecBot.Teams.Activities;

/// <summary>
/// Where an activity happened: a 1:1 chat (<c>personal</c>, id <c>a:…</c>), a group chat, or a team channel
/// (<c>channel</c>, id <c>19:…@thread.tacv2;messageid=&lt;thread root&gt;</c>).
/// </summary>
public sealed record ConversationAccount
{
    public const string PersonalType = "personal";
    public const string ChannelType = "channel";
    private const string MessageIdMarker = ";messageid=";

    public string? Id { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }
    public string? Name { get; init; }

    /// <summary>A 1:1 chat with the bot. Activities without a type (older payloads) are personal when the id is <c>a:…</c>.</summary>
    [JsonIgnore]
    public bool IsPersonal =>
        ConversationType is { Length: > 0 } type
            ? type.Equals(PersonalType, StringComparison.OrdinalIgnoreCase)
            : Id?.StartsWith("a:", StringComparison.Ordinal) == true;

    /// <summary>
    /// The channel's own id (<c>19:…@thread.tacv2</c>) for a channel conversation, its thread's <c>;messageid=…</c> cut off
    /// (§5); null for chats. Without a type, a conversation that names a thread root is taken for a channel.
    /// </summary>
    [JsonIgnore]
    public string? ChannelId
    {
        get
        {
            if (string.IsNullOrEmpty(Id)) return null;
            var marker = Id.IndexOf(MessageIdMarker, StringComparison.OrdinalIgnoreCase);
            var isChannel = ConversationType is { Length: > 0 } type ? type.Equals(ChannelType, StringComparison.OrdinalIgnoreCase) : marker > 0;
            return !isChannel ? null : marker > 0 ? Id[..marker] : Id;
        }
    }

    /// <summary>The thread root's message id in a channel conversation (<c>;messageid=1759881511856</c>), if the id names one.</summary>
    [JsonIgnore]
    public string? ThreadRootId
    {
        get
        {
            var marker = Id?.IndexOf(MessageIdMarker, StringComparison.OrdinalIgnoreCase) ?? -1;
            return marker > 0 && Id!.Length > marker + MessageIdMarker.Length ? Id[(marker + MessageIdMarker.Length)..] : null;
        }
    }
}
