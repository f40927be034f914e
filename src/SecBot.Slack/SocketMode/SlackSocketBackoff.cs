namespace SecBot.Slack.SocketMode;

/// <summary>
/// How long to wait before reconnecting after <c>failures</c> connections in a row that were refused, dropped or
/// disabled since the last hello (a reconnect Slack asked for waits for nothing): one second, doubling up to thirty,
/// each scaled by a random half to whole so that many SecBots dropped together do not come back together.
/// </summary>
internal static class SlackSocketBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public static TimeSpan Delay(int failures, double jitter)
    {
        if (failures <= 0) return TimeSpan.Zero;
        var doubled = First.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 10));
        var capped = Math.Min(doubled, Longest.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1))));
    }
}
