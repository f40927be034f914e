using SecBot.Slack.BlockKit;

namespace SecBot.Slack.Responses;

/// <summary>
/// The body of a slash command's HTTP 200 (slack-protocol.md §3): <c>ephemeral</c> is seen by the caller only,
/// <c>in_channel</c> by everyone in the channel.
/// </summary>
public sealed record SlashCommandResponse(string ResponseType, string Text, IReadOnlyList<Block>? Blocks)
{
    public const string Ephemeral = "ephemeral";
    public const string InChannel = "in_channel";
}
