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

    public static Task<RunningHost> StartAsync(string settingsFile, string databasePath, params string[] extraArgs) =>
        StartAsync(settingsFile, databasePath, null, extraArgs);

    /// <param name="time">The host's clock instead of the system's, e.g. a <see cref="WatchedClock"/> the test moves.</param>
    public static Task<RunningHost> StartAsync(string settingsFile, string databasePath, TimeProvider? time, params string[] extraArgs) =>
        StartAsync(settingsFile, databasePath, time, null, extraArgs);

    /// <param name="configure">More service registrations, after the host's own (e.g. <see cref="StoreDecoration.DecorateStore"/>).</param>
    public static async Task<RunningHost> StartAsync(
        string settingsFile, string databasePath, TimeProvider? time, Action<IServiceCollection>? configure, params string[] extraArgs)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={databasePath}", .. extraArgs];
        var app = await SecBotApp.CreateAsync(
            args,
            settingsFile,
            services =>
            {
                if (time is not null) services.AddSingleton(time);
                configure?.Invoke(services);
            });
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
