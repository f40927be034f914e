using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecBot.Host.Tests.Support;
using SecBot.Teams.Authentication;
using SecBot.Teams.Configuration;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Authentication;

/// <summary>
/// A <see cref="TeamsRequestAuthenticator"/> fetching its keys over HTTP from the fake Microsoft identity on loopback,
/// on a fake clock.
/// </summary>
internal sealed class AuthenticationHarness : IAsyncDisposable
{
    public const string AppId = "8d3b6f1e-4c2a-4e57-9a61-2f0c5b7d9e13";
    public const string TenantId = FakeBotConnector.FixtureTenantId;
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/72f988bf-86f1-41af-91ab-2d7cd011db47/";
    public static readonly IPAddress Remote = IPAddress.Parse("52.112.0.10");

    private readonly HttpClient http = new();
    private readonly LoggerFactory loggers;

    private AuthenticationHarness(FakeMicrosoftIdentity identity, FakeMicrosoftServer server, TeamsOptions options)
    {
        Identity = identity;
        Server = server;
        Options = options;
        loggers = new LoggerFactory([Log]);
        Logger = loggers.CreateLogger<TeamsRequestAuthenticator>();
        Authenticator = new TeamsRequestAuthenticator(options, http, Time, Logger);
    }

    public FakeMicrosoftIdentity Identity { get; }

    public FakeMicrosoftServer Server { get; }

    public TeamsOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    /// <summary>What the authenticator logs, as an operator would read it.</summary>
    public LogCapture Log { get; } = LogCapture.Of<TeamsRequestAuthenticator>();

    /// <summary>The authenticator's logger, writing to <see cref="Log"/>.</summary>
    public ILogger<TeamsRequestAuthenticator> Logger { get; }

    public TeamsRequestAuthenticator Authenticator { get; }

    public static async Task<AuthenticationHarness> StartAsync(Action<TeamsOptions>? configure = null)
    {
        var identity = new FakeMicrosoftIdentity();
        var server = await FakeMicrosoftServer.StartAsync(identity.Map);
        identity.Attach(server);
        var options = new TeamsOptions
        {
            AppId = AppId,
            OpenIdMetadataUrl = identity.OpenIdMetadataUrl,
            EntraOpenIdMetadataUrl = identity.EntraOpenIdMetadataUrl,
        };
        configure?.Invoke(options);
        return new AuthenticationHarness(identity, server, options);
    }

    /// <summary>A Bot Framework token for SecBot and <see cref="ServiceUrl"/>, issued now.</summary>
    public string Token(TokenForgery forgery = TokenForgery.None) =>
        Identity.BotFrameworkToken(AppId, ServiceUrl, Time.GetUtcNow(), forgery);

    /// <summary>An msteams activity from <see cref="ServiceUrl"/>, carrying <paramref name="token"/>.</summary>
    public Task<TeamsAuthVerdict> PresentAsync(string token, string? channelId = TeamsPlatform.ChannelId, string? serviceUrl = ServiceUrl) =>
        Authenticator.AuthenticateAsync($"Bearer {token}", Remote, channelId, serviceUrl, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        loggers.Dispose();
        await Server.DisposeAsync();
        Identity.Dispose();
    }
}
