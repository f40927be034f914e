namespace SecBot.Slack.Responses;

/// <summary>The answer to <c>url_verification</c> (slack-protocol.md §2): the challenge, echoed as JSON.</summary>
public sealed record ChallengeResponse(string Challenge);
