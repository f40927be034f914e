using System.Net;
using System.Net.Sockets;

namespace SecBot.Teams.Tests.Connector;

/// <summary>A loopback address nothing listens on: a port just bound and released, so connecting is refused.</summary>
internal static class ClosedPort
{
    public static Uri Url()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
