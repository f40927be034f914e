namespace SecBot.Host.Logging;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SecBot starting with settings file {SettingsFile} and database {Database}")]
    public static partial void Starting(ILogger logger, string settingsFile, string database);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Database ready at schema version {Version}; roster synced ({People} people)")]
    public static partial void DatabaseReady(ILogger logger, int version, int people);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Meaning}: {Duration} ({KeyPath} = {Text})")]
    public static partial void EffectiveDuration(ILogger logger, string meaning, string duration, string keyPath, string text);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Unacknowledged pages are re-sent {Repages} before the incident escalates (SecBot:Escalation:Repages)")]
    public static partial void Repages(ILogger logger, string repages);
}
