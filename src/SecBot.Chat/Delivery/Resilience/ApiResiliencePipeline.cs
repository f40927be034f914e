using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace SecBot.Chat.Delivery.Resilience;

/// <summary>
/// The Polly pipeline around each platform API attempt (slack-protocol.md §6, teams-protocol.md §7): a rate limit waits
/// its <c>Retry-After</c>; other retryable failures back off exponentially with jitter; a circuit breaker stops hammering
/// a platform that is down. Permanent failures pass straight through, never retried. Attempts are values, not exceptions:
/// <c>failureOf</c> says what went wrong with one, or null when it succeeded.
/// </summary>
public static class ApiResiliencePipeline
{
    public static ResiliencePipeline<TOutcome> Create<TOutcome>(ApiResilienceOptions options, TimeProvider timeProvider, Func<TOutcome, CallFailure?> failureOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(failureOf);
        var builder = new ResiliencePipelineBuilder<TOutcome> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<TOutcome>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetryInline(FailureOf(args.Outcome), options)),

                // The platform's Retry-After wins over the computed backoff; null falls back to it.
                DelayGenerator = args => ValueTask.FromResult(FailureOf(args.Outcome)?.RetryAfter),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<TOutcome>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsPlatformDown(FailureOf(args.Outcome))),
            })
            .Build();

        CallFailure? FailureOf(Outcome<TOutcome> outcome) => outcome.Result is { } result ? failureOf(result) : null;
    }

    private static bool ShouldRetryInline(CallFailure? failure, ApiResilienceOptions options) =>
        failure is { IsRetryable: true } && (failure.RetryAfter is null || failure.RetryAfter <= options.MaxInlineRetryAfter);

    // Rate limits mean "slower", not "down": they have their own wait and do not open the circuit.
    private static bool IsPlatformDown(CallFailure? failure) => failure is { IsRetryable: true, IsRateLimit: false };
}
