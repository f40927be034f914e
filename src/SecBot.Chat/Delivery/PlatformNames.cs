namespace SecBot.Chat.Delivery;

/// <summary>A platform as people write it (<c>teams</c> → Teams), for texts that name one.</summary>
public static class PlatformNames
{
    public static string Of(string platform) => platform switch
    {
        "slack" => "Slack",
        "teams" => "Teams",
        "console" => "the console",
        "callback" => "Gate API",
        _ => platform,
    };
}
