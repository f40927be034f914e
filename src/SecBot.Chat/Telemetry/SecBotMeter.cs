namespace SecBot.Chat.Telemetry;

/// <summary>The one meter every SecBot instrument is created on; <c>/metrics</c> exports it.</summary>
public static class SecBotMeter
{
    public const string Name = Storage.Telemetry.StoreMetrics.MeterName;
}
