using Microsoft.Extensions.Logging;
using SecBot.Chat.Delivery.Resilience;
using SecBot.Host.Tests.Support;
using SecBot.Teams.Configuration;
using SecBot.Teams.Connector;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Connector;

/// <summary>The token provider and Connector client wired as the host wires them, against a fresh fake Microsoft, with short backoffs.</summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    public const string TenantId = FakeBotConnector.FixtureTenantId;

    private readonly HttpClient _http;
    private readonly ILoggerFactory _loggers;

    private ConnectorHarness(FakeMicrosoftServer server, FakeBotConnector fake, TimeProvider timeProvider, ApiResilienceOptions resilience)
    {
        Server = server;
        Fake = fake;
        Resilience = resilience;
        Options = new TeamsOptions { AppId = fake.AppId, AppPassword = fake.AppPassword, TenantId = TenantId, TokenEndpoint = fake.TokenEndpoint.ToString() };
        _http = new HttpClient { Timeout = resilience.AttemptTimeout };
        _loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        Tokens = new BotTokenProvider(_http, Options, timeProvider, _loggers.CreateLogger<BotTokenProvider>());
        Client = new BotConnectorClient(_http, Tokens, resilience, timeProvider, _loggers.CreateLogger<BotConnectorClient>());
    }

    public FakeMicrosoftServer Server { get; }

    public FakeBotConnector Fake { get; }

    public TeamsOptions Options { get; }

    public ApiResilienceOptions Resilience { get; }

    public LogCapture Logs { get; } = new("SecBot.Teams.Connector");

    public BotTokenProvider Tokens { get; }

    public BotConnectorClient Client { get; }

    public static async Task<ConnectorHarness> StartAsync(
        TimeProvider? timeProvider = null, Action<ApiResilienceOptions>? configure = null, FakeBotConnector? fake = null)
    {
        var resilience = new ApiResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };
        configure?.Invoke(resilience);
        fake ??= new FakeBotConnector();
        var server = await FakeMicrosoftServer.StartAsync(fake.Map);
        return new ConnectorHarness(server, fake, timeProvider ?? TimeProvider.System, resilience);
    }

    public async ValueTask DisposeAsync()
    {
        _loggers.Dispose();
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
