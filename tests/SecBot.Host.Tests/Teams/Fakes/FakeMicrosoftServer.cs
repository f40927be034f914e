using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecBot.Testing.Teams;

/// <summary>
/// Microsoft's side of Teams on 127.0.0.1, as one real Kestrel listener: each part (the identity platform's OpenID
/// metadata and keys, the token endpoint, the Bot Connector) maps its own routes on it. Real HTTP, so SecBot's
/// headers, bodies, caching and retries are what is tested.
/// </summary>
internal sealed class FakeMicrosoftServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeMicrosoftServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, ending in <c>/</c> (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>An absolute URL on this server.</summary>
    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>Starts the server with each part's routes mapped; a part learns the address through <see cref="Url"/> after start.</summary>
    public static async Task<FakeMicrosoftServer> StartAsync(params Action<WebApplication>[] parts)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        foreach (var map in parts) map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakeMicrosoftServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
