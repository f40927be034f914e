using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace SecBot.Host.Tests.Support;

/// <summary>The real host on 127.0.0.1 with an ephemeral port, over a temp database, plus an HttpClient for it.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }
    public HttpClient Http { get; }

    public static async Task<RunningHost> StartAsync(string settingsFile, string databasePath, params string[] extraArgs)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={databasePath}", .. extraArgs];
        var app = await SecBotApp.CreateAsync(args, settingsFile);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
