using System.Globalization;

namespace SecBot.Storage;

/// <summary>The payload of a timer <c>NOTIFY</c> between replicas: the earliest due time scheduled, in unix milliseconds.</summary>
internal static class TimerNotice
{
    public static string Write(DateTimeOffset due) => due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The due time, or null (look now) for a payload this build did not write.</summary>
    public static DateTimeOffset? Read(string payload) =>
        long.TryParse(payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds)
        && milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
}
