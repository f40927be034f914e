namespace SecBot.Host.WebConsole;

/// <summary>The web console's log lines (event ids 1300–1319). A key is never logged, only who holds it.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Web console login by {Holder} from {Remote}")]
    public static partial void LoggedIn(ILogger logger, string holder, string? remote);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Web console login refused from {Remote}: the key is not one of SecBot:Console:AdminKeys")]
    public static partial void LoginRefused(ILogger logger, string? remote);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Web console {Action} as {PersonId} by {Operator}")]
    public static partial void Acted(ILogger logger, string action, string personId, string @operator);
}
