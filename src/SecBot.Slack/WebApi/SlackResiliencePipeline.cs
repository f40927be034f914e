using Polly;
using SecBot.Chat.Delivery.Resilience;

namespace SecBot.Slack.WebApi;

/// <summary>
/// The shared API pipeline (<see cref="ApiResiliencePipeline"/>) over Web API attempts (slack-protocol.md §6): 429 and
/// chat.postMessage's own <c>rate_limited</c> are rate limits; 5xx, network errors and Slack's transient codes are Slack
/// being down; permanent codes pass straight through.
/// </summary>
public static class SlackResiliencePipeline
{
    public static ResiliencePipeline<SlackCallOutcome> Create(SlackResilienceOptions options, TimeProvider timeProvider) =>
        ApiResiliencePipeline.Create<SlackCallOutcome>(options, timeProvider, outcome => FailureOf(outcome.Failure));

    private static CallFailure? FailureOf(SlackApiFailure? failure) => failure is null
        ? null
        : new CallFailure(
            // An open circuit is the dispatcher's to wait out, never slept on inline.
            failure.IsRetryable && failure.Error != SlackErrorCodes.CircuitOpen,
            failure.RetryAfter,
            failure.Error is SlackErrorCodes.RateLimited or SlackErrorCodes.MessageRateLimited);
}
