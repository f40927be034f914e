using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace SecBot.Slack.WebApi;

/// <summary>
/// The Polly pipeline around each Web API attempt (slack-protocol.md §6): a 429 waits its <c>Retry-After</c>;
/// 5xx, network errors and Slack's transient codes back off exponentially with jitter; a circuit breaker stops
/// hammering a Slack that is down. Permanent errors pass straight through, never retried.
/// </summary>
public static class SlackResiliencePipeline
{
    public static ResiliencePipeline<SlackCallOutcome> Create(SlackResilienceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new ResiliencePipelineBuilder<SlackCallOutcome> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<SlackCallOutcome>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetryInline(args.Outcome.Result?.Failure, options)),

                // Slack's Retry-After wins over the computed backoff; null falls back to it.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Failure?.RetryAfter),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<SlackCallOutcome>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsSlackDown(args.Outcome.Result?.Failure)),
            })
            .Build();
    }

    private static bool ShouldRetryInline(SlackApiFailure? failure, SlackResilienceOptions options) =>
        failure is { IsRetryable: true }
        && failure.Error != SlackErrorCodes.CircuitOpen
        && (failure.RetryAfter is null || failure.RetryAfter <= options.MaxInlineRetryAfter);

    // Rate limits mean "slower", not "down": they have their own wait and do not open the circuit.
    private static bool IsSlackDown(SlackApiFailure? failure) =>
        failure is { IsRetryable: true }
        && failure.Error is not (SlackErrorCodes.RateLimited or SlackErrorCodes.MessageRateLimited);
}
