using System.Collections.Frozen;

namespace SecBot.Slack.WebApi;

/// <summary>
/// Which Web API errors are worth retrying (slack-protocol.md §6). Slack reports errors as HTTP 200 with
/// <c>ok:false</c>; only its own trouble and rate limits pass with time. Everything else (bad token, missing
/// channel, invalid blocks, unknown codes) stays wrong however often it is retried, so it is permanent and the
/// dispatcher dead-letters it with the code.
/// </summary>
public static class SlackErrorCodes
{
    /// <summary>HTTP 429 with <c>Retry-After</c>.</summary>
    public const string RateLimited = "ratelimited";

    /// <summary>chat.postMessage's own per-channel limit, sent as HTTP 200 (not the same as <see cref="RateLimited"/>).</summary>
    public const string MessageRateLimited = "rate_limited";

    public const string NetworkError = "network_error";
    public const string RequestTimeout = "request_timeout";
    public const string InvalidResponse = "invalid_response";
    public const string CircuitOpen = "circuit_open";

    /// <summary>conversations.create: a channel (perhaps archived) already has the name.</summary>
    public const string NameTaken = "name_taken";

    /// <summary>conversations.invite: the user is in the channel already, which is what was wanted.</summary>
    public const string AlreadyInChannel = "already_in_channel";

    private static readonly FrozenSet<string> Retryable = FrozenSet.Create(
        StringComparer.Ordinal,
        RateLimited,
        MessageRateLimited,
        "service_unavailable",
        "internal_error",
        "fatal_error",
        RequestTimeout,
        NetworkError,
        InvalidResponse,
        CircuitOpen);

    /// <summary>Known permanent codes, listed so a reader sees they were considered; unknown codes are permanent too.</summary>
    public static IReadOnlySet<string> Permanent { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "channel_not_found",
        "invalid_auth",
        "not_authed",
        "not_in_channel",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "is_archived",
        "users_not_found",
        "user_not_found",
        "invalid_blocks",
        "invalid_arguments",
        "msg_too_long",
        "no_text",
        "message_not_found",
        "cant_update_message",
        "expired_trigger_id",
        "exchanged_trigger_id",
        "invalid_trigger_id",
        "restricted_action",
        NameTaken,
        "invalid_name",
        "invalid_name_specials",
        "invalid_name_punctuation",
        "invalid_name_maxlength",
        "invalid_name_required",
        AlreadyInChannel,
        "cant_invite",
        "cant_invite_self");

    /// <summary>
    /// chat.update errors that mean this one message is gone for SecBot (deleted, or in a channel it left or that was
    /// archived): the copy is skipped, not the whole update failed.
    /// </summary>
    private static readonly FrozenSet<string> MessageGone = FrozenSet.Create(
        StringComparer.Ordinal,
        "message_not_found",
        "cant_update_message",
        "channel_not_found",
        "is_archived",
        "not_in_channel");

    public static bool IsMessageGone(string error) => MessageGone.Contains(error);

    public static bool IsRetryable(string error) =>
        Retryable.Contains(error) || (error.StartsWith("http_5", StringComparison.Ordinal) && error.Length == "http_5xx".Length);
}
