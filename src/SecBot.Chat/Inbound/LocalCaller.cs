using System.Net;

namespace SecBot.Chat.Inbound;

/// <summary>
/// Whether a request comes from this machine: its peer is a loopback address (an IPv4-mapped IPv6 one too) and it does not
/// say it was forwarded. Behind a proxy or a tunnel every request comes from loopback, so one carrying
/// <c>X-Forwarded-For</c> or <c>Forwarded</c> is not local; no known peer is not local either (fail closed).
/// </summary>
public static class LocalCaller
{
    public const string ForwardedForHeader = "X-Forwarded-For";
    public const string ForwardedHeader = "Forwarded";

    /// <summary>Whether <paramref name="address"/> is loopback; false when it is unknown.</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>Whether the request carries either forwarding header (any value, even empty, says a proxy was in the way).</summary>
    /// <param name="hasHeader">Whether the request has the named header, e.g. <c>request.Headers.ContainsKey</c>.</param>
    public static bool IsForwarded(Func<string, bool> hasHeader)
    {
        ArgumentNullException.ThrowIfNull(hasHeader);
        return hasHeader(ForwardedForHeader) || hasHeader(ForwardedHeader);
    }

    /// <summary>Loopback and not forwarded: a caller on this machine.</summary>
    public static bool IsLocal(IPAddress? address, Func<string, bool> hasHeader) => IsLoopback(address) && !IsForwarded(hasHeader);
}
