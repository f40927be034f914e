using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SecBot.Host.GateApi;

/// <summary>
/// Opens the connection of a gate callback, checking every address its host resolves to at connect time: a name that
/// resolves (or is later re-pointed) to a non-public address is refused, unless <see cref="ApiOptions.AllowPrivateCallbacks"/>.
/// </summary>
public sealed class CallbackConnector(IOptions<ApiOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (!options.Value.AllowPrivateCallbacks && addresses.Select(a => (Address: a, Kind: CallbackAddresses.Describe(a))).FirstOrDefault(a => a.Kind is not null) is { Kind: { } kind } refused)
        {
            throw new CallbackAddressRefusedException(
                $"{endpoint.Host} resolves to {refused.Address}, {kind}; callbacks go to public addresses only ({ApiOptions.SectionName}:AllowPrivateCallbacks)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A callback's host resolved to an address callbacks may not reach.</summary>
public sealed class CallbackAddressRefusedException(string message) : Exception(message);
