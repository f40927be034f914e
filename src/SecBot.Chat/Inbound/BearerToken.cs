namespace SecBot.Chat.Inbound;

/// <summary>
/// Reads the token out of an <c>Authorization: Bearer &lt;token&gt;</c> header value (RFC 6750 §2.1): the Teams JWT
/// (auth-doc Step 4, check 1), the Gate API's and Alertmanager's keys.
/// </summary>
public static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>The token, or null when the header does not use the Bearer scheme or carries nothing after it.</summary>
    public static string? From(string? header)
    {
        if (header is null) return null;
        var value = header.AsSpan().Trim();
        if (value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value[Scheme.Length] != ' ') return null;
        var token = value[(Scheme.Length + 1)..].Trim();
        return token.IsEmpty || token.Contains(' ') ? null : token.ToString();
    }
}
