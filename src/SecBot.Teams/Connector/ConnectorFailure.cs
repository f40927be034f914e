namespace SecBot.Teams.Connector;

/// <summary>
/// Why a Bot Connector (or token) call did not succeed (teams-protocol.md §3, §7): the HTTP status when there was one,
/// the error code from either error shape Teams uses (or one SecBot names for the wire: <c>network_error</c>,
/// <c>request_timeout</c>, <c>invalid_response</c>, <c>circuit_open</c>), and whether trying again later can help.
/// </summary>
public sealed record ConnectorFailure(string Operation, int? Status, string Code, string Message, bool IsRetryable, TimeSpan? RetryAfter)
{
    /// <summary>Teams' sub-code for a bot the user blocked or uninstalled (teams-protocol.md §3).</summary>
    public const string MessageWritesBlocked = "MessageWritesBlocked";

    public const string NetworkError = "network_error";
    public const string RequestTimeout = "request_timeout";
    public const string InvalidResponse = "invalid_response";
    public const string CircuitOpen = "circuit_open";

    /// <summary>The operation and code of a failure SecBot found itself before calling Teams (no conversation, bad payload).</summary>
    public const string SecBotCheck = "secbot";

    /// <summary>The user cannot be written to until they (re)install or unblock the bot: permanent, and says who is unreachable.</summary>
    public bool IsBlocked => Status == 403 && Code == MessageWritesBlocked;

    /// <summary>One line for the outbox's last_error and the logs.</summary>
    public override string ToString() =>
        Status is { } status ? $"{Operation}: HTTP {status} {Code} ({Message})"
        : Code == SecBotCheck ? $"{Operation}: {Message}"
        : $"{Operation}: {Code} ({Message})";

    /// <summary>A permanent failure SecBot found before calling Teams: read as <c>secbot: problem</c>, as Slack's are.</summary>
    public static ConnectorFailure Local(string problem) => new(SecBotCheck, null, SecBotCheck, problem, false, null);
}
