namespace SecBot.Slack;

/// <summary>Source-generated log messages of the Slack adapter.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "views.open failed for {Form}: {Failure}")]
    public static partial void ModalNotOpened(ILogger logger, string form, string failure);

    [LoggerMessage(EventId = 403, Level = LogLevel.Debug, Message = "Slack {Kind} ignored: {Why}")]
    public static partial void Ignored(ILogger logger, string kind, string why);






    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "Slack requests are not checked against {Keys} (not set): a correctly signed request is accepted whatever workspace, organisation or app it names")]
    public static partial void InstallationUnchecked(ILogger logger, string keys);

    [LoggerMessage(EventId = 408, Level = LogLevel.Information, Message = "Created channel #{Name} ({Channel}) for {Incident}")]
    public static partial void ChannelCreated(ILogger logger, string name, string channel, string incident);

    [LoggerMessage(EventId = 409, Level = LogLevel.Information, Message = "Channel name #{Name} for {Incident} is taken; trying the next suffix")]
    public static partial void ChannelNameTaken(ILogger logger, string name, string incident);
}
