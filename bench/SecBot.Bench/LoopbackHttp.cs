using System.Net;

namespace SecBot.Bench;

/// <summary>The load driver's HTTP client to the host on loopback: a connection per concurrent request, no proxy.</summary>
public static class LoopbackHttp
{
    public static HttpClient Client(Uri host)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler) { BaseAddress = host, Timeout = ChatLoad.AnswerTimeout };
    }
}
