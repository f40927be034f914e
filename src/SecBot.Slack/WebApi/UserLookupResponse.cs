namespace SecBot.Slack.WebApi;

/// <summary>users.lookupByEmail: the Slack user behind a roster e-mail.</summary>
public sealed record UserLookupResponse : SlackApiResponse
{
    public SlackUser? User { get; init; }
}
