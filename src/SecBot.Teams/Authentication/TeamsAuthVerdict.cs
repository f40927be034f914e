namespace SecBot.Teams.Authentication;

/// <summary>
/// Whether an inbound <c>POST /api/messages</c> may be handled, as the HTTP status to answer with (200, 401 or 403;
/// teams-protocol.md §1) and a short reason for the log. The reason never contains the token.
/// </summary>
public sealed record TeamsAuthVerdict(int StatusCode, string? Reason)
{
    public static TeamsAuthVerdict Allowed { get; } = new(StatusCodes.Status200OK, null);

    public bool IsAllowed => StatusCode == StatusCodes.Status200OK;

    /// <summary>No acceptable token: missing, malformed, forged, expired, for another bot, or its keys could not be had.</summary>
    public static TeamsAuthVerdict Unauthorized(string reason) => new(StatusCodes.Status401Unauthorized, reason);

    /// <summary>A valid token whose signing key is not endorsed for the activity's channel (auth-doc: HTTP 403).</summary>
    public static TeamsAuthVerdict Forbidden(string reason) => new(StatusCodes.Status403Forbidden, reason);
}
