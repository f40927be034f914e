namespace SecBot.Teams.Authentication;

/// <summary>Source-generated log messages of inbound Teams authentication.</summary>
internal static partial class TeamsAuthLog
{
    [LoggerMessage(EventId = 540, Level = LogLevel.Warning, Message = "Teams request from loopback {Address} accepted WITHOUT a token (SecBot:Teams:AllowAnonymousLoopback is on; development only)")]
    public static partial void AnonymousLoopbackAccepted(ILogger logger, string address);

    [LoggerMessage(EventId = 541, Level = LogLevel.Information, Message = "Fetched {Count} signing keys for Teams tokens from {MetadataUrl}")]
    public static partial void KeysFetched(ILogger logger, string metadataUrl, int count);

    [LoggerMessage(EventId = 542, Level = LogLevel.Error, Message = "Signing keys for Teams tokens unavailable from {MetadataUrl}: {Failure} (keeping earlier keys: {KeptEarlierKeys})")]
    public static partial void KeysUnavailable(ILogger logger, string metadataUrl, string failure, bool keptEarlierKeys);

    [LoggerMessage(EventId = 543, Level = LogLevel.Debug, Message = "Signing keys from {MetadataUrl} not refreshed for this request: the last attempt was less than {Interval} ago")]
    public static partial void KeyRefreshDeferred(ILogger logger, string metadataUrl, TimeSpan interval);
}
