namespace SecBot.Teams;

/// <summary>The platform name of Teams in chat identities, outbox rows and learned ids.</summary>
public static class TeamsPlatform
{
    public const string Name = "teams";

    /// <summary>The only channel SecBot serves through the Bot Connector (activity <c>channelId</c>).</summary>
    public const string ChannelId = "msteams";
}
