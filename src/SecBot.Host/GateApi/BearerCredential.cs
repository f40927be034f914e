using Microsoft.Net.Http.Headers;
using SecBot.Chat.Inbound;

namespace SecBot.Host.GateApi;

/// <summary>The credential a request presents: <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
public static class BearerCredential
{
    /// <summary>The bearer token of the <c>Authorization</c> header; null when there is none.</summary>
    public static string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return BearerToken.From(request.Headers[HeaderNames.Authorization].ToString());
    }
}
