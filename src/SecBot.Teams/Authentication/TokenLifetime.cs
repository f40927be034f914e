namespace SecBot.Teams.Authentication;

/// <summary>
/// The lifetime rule of inbound tokens, on SecBot's clock: an expiry is required, and <c>nbf</c>/<c>exp</c> are honoured
/// with the industry-standard five minutes of clock skew (auth-doc Step 4; bbd <c>ChannelValidation</c>).
/// </summary>
internal static class TokenLifetime
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static bool IsCurrent(DateTime? notBefore, DateTime? expires, DateTimeOffset now)
    {
        if (expires is null) return false;
        if (now > AsUtc(expires.Value) + ClockSkew) return false;
        return notBefore is null || now >= AsUtc(notBefore.Value) - ClockSkew;
    }

    /// <summary>Why a token failed <see cref="IsCurrent"/>, for the log.</summary>
    public static string Explain(DateTime? notBefore, DateTime? expires, DateTimeOffset now)
    {
        if (expires is null) return "token has no expiry (exp)";
        if (now > AsUtc(expires.Value) + ClockSkew) return $"token expired at {AsUtc(expires.Value):u}";
        return notBefore is null ? "token lifetime is invalid" : $"token is not valid before {AsUtc(notBefore.Value):u}";
    }

    // IdentityModel hands out UTC DateTimes; a DateTime of Unspecified kind from it is UTC too.
    private static DateTimeOffset AsUtc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
