using Microsoft.Net.Http.Headers;

namespace SecBot.Host.GateApi;

/// <summary>The credential a request presents: <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
public static class BearerCredential
{
    private const string Scheme = "Bearer ";

    /// <summary>The bearer token of the <c>Authorization</c> header; null when there is none.</summary>
    public static string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header[Scheme.Length..].Trim() is { Length: > 0 } token ? token : null;
    }
}
