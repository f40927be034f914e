using System.Net;
using System.Net.Sockets;

namespace SecBot.Host.GateApi;

/// <summary>
/// Which addresses a gate callback may reach: public ones only, unless <see cref="ApiOptions.AllowPrivateCallbacks"/>.
/// Otherwise anyone with an API key could make SecBot POST into its own network (cloud metadata, admin ports).
/// </summary>
public static class CallbackAddresses
{
    /// <summary>What is wrong with a <c>callback_url</c>'s host as written; null when it is a name or a public address.</summary>
    public static string? HostProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"callback_url host '{url.Host}' is this machine";
        }

        return IPAddress.TryParse(url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : host, out var address) && !IsPublic(address)
            ? $"callback_url host '{url.Host}' is {Describe(address)}"
            : null;
    }

    public static bool IsPublic(IPAddress address) => Describe(address) is null;

    /// <summary>The kind of non-public address this is (loopback, private…); null when it is public.</summary>
    public static string? Describe(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return "a loopback address";
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "an unspecified address",
                10 => "a private address",
                172 when b[1] is >= 16 and <= 31 => "a private address",
                192 when b[1] == 168 => "a private address",
                100 when b[1] is >= 64 and <= 127 => "a private (shared) address",
                169 when b[1] == 254 => "a link-local address",
                >= 224 => "a multicast or reserved address",
                _ => null,
            };
        }

        if (address.Equals(IPAddress.IPv6Any)) return "an unspecified address";
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal) return "a link-local address";
        if (address.IsIPv6UniqueLocal) return "a private address";
        if (address.IsIPv6Multicast) return "a multicast address";
        return null;
    }
}
