namespace SecBot.Slack.WebApi;

/// <summary>
/// Why a Web API call did not succeed: Slack's own <c>error</c> code from an <c>ok:false</c> body, or one SecBot
/// names for what happened on the wire (<c>http_503</c>, <c>network_error</c>, <c>circuit_open</c>) (slack-protocol.md §6).
/// </summary>
public sealed record SlackApiFailure(string Method, string Error, bool IsRetryable)
{
    /// <summary>From a 429's <c>Retry-After</c>, or how long an open circuit stays open.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The HTTP status when it says something (429, 5xx); Slack reports most errors as HTTP 200.</summary>
    public int? HttpStatus { get; init; }

    /// <summary><c>response_metadata.messages</c>, which explain <c>invalid_arguments</c> and <c>invalid_blocks</c>.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    public static SlackApiFailure Classified(string method, string error) => new(method, error, SlackErrorCodes.IsRetryable(error));

    /// <summary>One line for the outbox's last_error and the logs: method, code, and Slack's explanation.</summary>
    public override string ToString() =>
        Messages.Count == 0 ? $"{Method}: {Error}" : $"{Method}: {Error} ({string.Join("; ", Messages)})";
}
