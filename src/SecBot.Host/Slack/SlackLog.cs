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

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Slack {Source} {Key} arrived again while its first delivery is still being handled")]
    public static partial void StillRunning(ILogger logger, string source, string key);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Handling Slack {Source} {Key} failed before it changed anything; its key is forgotten so Slack's retry is processed")]
    public static partial void HandlingFailed(ILogger logger, string source, string key, Exception exception);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "Slack {Source} {Key} changed state, but its reply could not be queued")]
    public static partial void ReplyLost(ILogger logger, string source, string key, Exception exception);

    [LoggerMessage(EventId = 407, Level = LogLevel.Error, Message = "Could not forget the key of failed Slack {Source} {Key}; a retry of it will be taken for a duplicate")]
    public static partial void ForgetFailed(ILogger logger, string source, string key, Exception exception);

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Could not settle the key of handled Slack {Source} {Key}; a retry after its claim lease would be handled again")]
    public static partial void SettleFailed(ILogger logger, string source, string key, Exception exception);

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "Slack requests are not checked against {Keys} (not set): a correctly signed request is accepted whatever workspace, organisation or app it names")]
    public static partial void InstallationUnchecked(ILogger logger, string keys);

    [LoggerMessage(EventId = 408, Level = LogLevel.Information, Message = "Created channel #{Name} ({Channel}) for {Incident}")]
    public static partial void ChannelCreated(ILogger logger, string name, string channel, string incident);

    [LoggerMessage(EventId = 409, Level = LogLevel.Information, Message = "Channel name #{Name} for {Incident} is taken; trying the next suffix")]
    public static partial void ChannelNameTaken(ILogger logger, string name, string incident);
}
