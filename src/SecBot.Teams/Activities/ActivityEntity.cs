namespace SecBot.Teams.Activities;

/// <summary>
/// An entry of <c>entities</c>: a <c>mention</c> (<see cref="Mentioned"/> and the <c>&lt;at&gt;…&lt;/at&gt;</c> text it
/// shows), or another kind SecBot does not read (<c>clientInfo</c>).
/// </summary>
public sealed record ActivityEntity
{
    public const string MentionType = "mention";

    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }
}
