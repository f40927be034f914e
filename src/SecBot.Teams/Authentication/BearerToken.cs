namespace SecBot.Teams.Authentication;

/// <summary>Reads the token out of an <c>Authorization: Bearer &lt;JWT&gt;</c> header value (auth-doc Step 4, check 1).</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>The token, or null when the header does not use the Bearer scheme or carries nothing after it.</summary>
    public static string? From(string header)
    {
        var value = header.AsSpan().Trim();
        if (value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value[Scheme.Length] != ' ') return null;
        var token = value[(Scheme.Length + 1)..].Trim();
        return token.IsEmpty || token.Contains(' ') ? null : token.ToString();
    }
}
