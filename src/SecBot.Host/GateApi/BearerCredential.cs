using Microsoft.Net.Http.Headers;

namespace SecBot.Host.GateApi;

/// <summary>The credential a request presents: <c>Authorization: Bearer &lt;key&gt;</c>, or <c>?routing_key=</c> (alert sources that cannot set headers).</summary>
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

    /// <summary>The bearer token, else the <c>routing_key</c> query parameter; null when the request presents neither.</summary>
    public static string? OrRoutingKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Of(request) ?? (request.Query["routing_key"].ToString() is { Length: > 0 } key ? key : null);
    }
}
