using Polly;
using SecBot.Chat.Delivery.Resilience;

namespace SecBot.Teams.Connector;

/// <summary>
/// <c>SecBot:Teams:Resilience</c>: the shared API retry policy (<see cref="ApiResilienceOptions"/>, the same keys and
/// defaults as Slack's) over Connector attempts (teams-protocol.md §7): 429 is a rate limit; 412, 5xx, network errors
/// and timeouts are Teams being down; other 4xx pass straight through.
/// </summary>
public static class TeamsResilience
{
    public const string SectionName = "SecBot:Teams:Resilience";

    /// <summary>The section bound over the defaults; an absent section gives the defaults.</summary>
    public static ApiResilienceOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ApiResilienceOptions();
        configuration.GetSection(SectionName).Bind(options);
        return options;
    }

    internal static ResiliencePipeline<ConnectorCallOutcome> Pipeline(ApiResilienceOptions options, TimeProvider timeProvider) =>
        ApiResiliencePipeline.Create<ConnectorCallOutcome>(options, timeProvider, outcome => outcome.Failure is { } failure
            ? new CallFailure(failure.IsRetryable && failure.Code != ConnectorFailure.CircuitOpen, failure.RetryAfter, failure.Status == 429)
            : null);
}
