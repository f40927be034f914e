namespace SecBot.Slack.SocketMode;

/// <summary>Source-generated log messages of the Socket Mode connection.</summary>
internal static partial class SlackSocketLog
{
    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    public static partial void Connected(ILogger logger);

    [LoggerMessage(EventId = 421, Level = LogLevel.Information, Message = "Slack asked SecBot to reconnect ({Reason}); opening a new connection")]
    public static partial void Disconnect(ILogger logger, string reason);

    [LoggerMessage(EventId = 422, Level = LogLevel.Warning, Message = "The Slack Socket Mode connection dropped or could not be opened ({Why}); reconnecting in {Delay}")]
    public static partial void Dropped(ILogger logger, string why, TimeSpan delay);

    [LoggerMessage(EventId = 423, Level = LogLevel.Error, Message = "apps.connections.open failed: {Error}. Check SecBot:Slack:AppToken (an xapp- token with connections:write) and that Socket Mode is on for the app")]
    public static partial void OpenFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 424, Level = LogLevel.Warning, Message = "Could not acknowledge Slack envelope {EnvelopeId}; Slack will deliver it again")]
    public static partial void AckFailed(ILogger logger, string envelopeId, Exception exception);

    [LoggerMessage(EventId = 425, Level = LogLevel.Warning, Message = "Ignored a Socket Mode message that is not a Slack envelope ({Bytes} bytes)")]
    public static partial void Unreadable(ILogger logger, int bytes);
}
