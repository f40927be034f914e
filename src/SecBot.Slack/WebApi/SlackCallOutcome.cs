namespace SecBot.Slack.WebApi;

/// <summary>
/// One HTTP attempt at a Web API method, as the resilience pipeline sees it: the body of an <c>ok:true</c>
/// answer, or the failure that decides whether to try again.
/// </summary>
public sealed record SlackCallOutcome(string Method, byte[]? Body, SlackApiFailure? Failure);
