using System.Net.Http.Headers;

namespace SecBot.Chat.Delivery.Resilience;

/// <summary>An HTTP answer's <c>Retry-After</c>, in seconds or as a date (RFC 9110 §10.2.3).</summary>
public static class RetryAfterHeader
{
    /// <summary>How long the server asked to wait, or null when it did not say (or named a date already past).</summary>
    public static TimeSpan? Of(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var header = headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date && headers.Date is { } now && date > now) return date - now;
        return null;
    }
}
