namespace SecBot.Host.Slack;

/// <summary>Source-generated log messages of the Slack endpoints and sender.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Slack request to {Path} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Slack {Source} {Key} was seen before; nothing done again")]
    public static partial void Duplicate(ILogger logger, string source, string key);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "views.open failed for {Form}: {Failure}")]
    public static partial void ModalNotOpened(ILogger logger, string form, string failure);

    [LoggerMessage(EventId = 403, Level = LogLevel.Debug, Message = "Slack {Kind} ignored: {Why}")]
    public static partial void Ignored(ILogger logger, string kind, string why);
}
