using System.Diagnostics;
using System.Globalization;
using System.Net;
using SecBot.Teams.Authentication;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Support;
using SecBot.Host.Tests.Teams;
using SecBot.Testing.Teams;

namespace SecBot.Bench;

/// <summary>
/// Teams for chat-load: the host tests' fake Microsoft on loopback (Bot Framework OpenID metadata and endorsed signing
/// keys, the token endpoint, the recording Bot Connector), configured as tests/SecBot.Host.Tests/Teams/TeamsHost.cs
/// configures the host. Every roster person on Teams installs the app first (a conversationUpdate), so pages have a
/// conversation; the declarer is someone the policy does not page now, so their 1:1 chat holds only SecBot's answers.
/// </summary>
internal sealed class TeamsLoadPlatform : ILoadPlatform
{
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string IncidentsChannel = "19:incidents0000000000000000@thread.tacv2";

    private readonly FakeMicrosoftIdentity _identity;
    private readonly FakeBotConnector _connector;
    private readonly FakeMicrosoftServer _server;
    private string _declarerChat = "";

    private TeamsLoadPlatform(FakeMicrosoftIdentity identity, FakeBotConnector connector, FakeMicrosoftServer server)
    {
        _identity = identity;
        _connector = connector;
        _server = server;
    }

    public static async Task<TeamsLoadPlatform> StartAsync()
    {
        var identity = new FakeMicrosoftIdentity();
        var connector = new FakeBotConnector();
        var server = await FakeMicrosoftServer.StartAsync(identity.Map, connector.Map);
        identity.Attach(server);
        return new TeamsLoadPlatform(identity, connector, server);
    }

    public static string AppId => FakeBotConnector.DefaultAppId;

    public string ServiceUrl => _connector.ServiceUrl.ToString();

    public string Describe() => $"fake Microsoft (identity, token endpoint, Bot Connector): {_server.BaseAddress}";

    public IReadOnlyList<string> HostArguments =>
    [
        $"--SecBot:Teams:AppId={AppId}",
        $"--SecBot:Teams:AppPassword={FakeBotConnector.DefaultAppPassword}",
        $"--SecBot:Teams:TenantId={TenantId}",
        $"--SecBot:Teams:ServiceUrl={_connector.ServiceUrl}",
        $"--SecBot:Teams:OpenIdMetadataUrl={_identity.OpenIdMetadataUrl}",
        $"--SecBot:Teams:EntraOpenIdMetadataUrl={_identity.EntraOpenIdMetadataUrl}",
        $"--SecBot:Teams:TokenEndpoint={_connector.TokenEndpoint}",
        $"--SecBot:Teams:IncidentsChannel={IncidentsChannel}",
    ];

    public string? DeliveryPacing =>
        "SecBot's Bot Connector client keeps Teams' limits (ConnectorRateLimits: 30 calls/s per app, 7 sends/s per conversation), "
        + "and each declare queues several sends (outbox rows per declare above)";

    public async Task<ICommandTransport> ConnectAsync(IServiceProvider services, Uri host)
    {
        var roster = services.GetRequiredService<Roster>();
        var onCall = OnCallPolicy.PagedAt(services, "L1", "general", TimeProvider.System.GetUtcNow());
        var declarer = roster.People.First(p => p.TeamsUserId.Length > 0 && onCall.All(o => o.Id != p.Id));
        _declarerChat = TeamsActivities.PersonalConversationOf(declarer);
        var transport = new TeamsCommandTransport(host, this, TeamsActivities.PersonalMessage(declarer, "", ServiceUrl, AppId, TenantId));
        foreach (var person in roster.People.Where(p => p.TeamsUserId.Length > 0))
        {
            if (!await transport.PostAsync(TeamsActivities.Installed(person, ServiceUrl, AppId, TenantId).ToJsonString(), Token()))
            {
                throw new InvalidOperationException($"installing the app for {person.Id} was refused");
            }
        }

        return transport;
    }

    /// <summary>A Bot Framework token as the Bot Connector sends it to this app from this serviceUrl: RS256, an endorsed key, issued now.</summary>
    public string Token() => _identity.BotFrameworkToken(AppId, ServiceUrl, TimeProvider.System.GetUtcNow());

    public async Task<string> MeasureVerificationAsync(IServiceProvider services)
    {
        const int calls = 5_000;
        var authenticator = services.GetRequiredService<TeamsRequestAuthenticator>();
        var header = "Bearer " + Token();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            var verdict = await authenticator.AuthenticateAsync(header, IPAddress.Loopback, FakeMicrosoftIdentity.TeamsChannel, ServiceUrl, CancellationToken.None);
            if (!verdict.IsAllowed) throw new InvalidOperationException("the host refused the bench's token: " + verdict.Reason);
        }

        var each = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
        return string.Create(CultureInfo.InvariantCulture,
            $"request verification (TeamsRequestAuthenticator.AuthenticateAsync: JWT parse, cached key lookup, RS256 signature, issuer/audience/lifetime, serviceurl, endorsement): {each:N1} µs per request ({calls:N0} serial calls)");
    }

    /// <summary>Each Send to a person's 1:1 chat other than the declarer's naming an incident, at the fake's recorded arrival.</summary>
    public IReadOnlyList<PageArrival> Pages() =>
    [
        .. _connector.CallsTo(FakeBotConnector.Operation.Send)
            .Where(c => c.ConversationId is { } chat && chat.StartsWith("a:", StringComparison.Ordinal) && chat != _declarerChat)
            .Select(c => (c.At, Incident: SlackDeclare.IncidentIn(c.Body)))
            .Where(c => c.Incident is not null)
            .Select(c => new PageArrival((c.At - DateTimeOffset.UnixEpoch).TotalMilliseconds, c.Incident!.Value)),
    ];

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _identity.Dispose();
    }
}
