namespace SecBot.Slack.Payloads.Events;

/// <summary>
/// <c>app_home_opened</c>: the user opened the app's <c>home</c> or <c>messages</c> tab. For the home tab,
/// <see cref="View"/> is the current Home view, whose hash guards views.publish against races.
/// </summary>
public sealed record AppHomeOpenedEvent : SlackEvent
{
    public required string User { get; init; }
    public string? Channel { get; init; }
    public string? Tab { get; init; }
    public SlackView? View { get; init; }

    public bool IsHomeTab => Tab == "home";
}
