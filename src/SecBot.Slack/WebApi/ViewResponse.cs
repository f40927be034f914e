using SecBot.Slack.Payloads;

namespace SecBot.Slack.WebApi;

/// <summary>views.open / views.publish: the view as Slack stored it.</summary>
public sealed record ViewResponse : SlackApiResponse
{
    public SlackView? View { get; init; }
}
