using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Teams;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// The real host on loopback with Teams configured against a fake Microsoft (OpenID metadata and signing keys, the token
/// endpoint, and a Bot Connector that records every call), and a client that posts activities the way the Bot Connector
/// does: with a Bot Framework token minted for the host's app id and the activity's serviceUrl, by the host's clock.
/// Activities are built from the real captures in tests/fixtures/teams, with only the ids SecBot reads replaced.
/// </summary>
internal sealed class TeamsHost : IHostUnderTest, IAsyncDisposable
{
    public const string AppId = FakeBotConnector.DefaultAppId;
    public const string TenantId = FakeBotConnector.FixtureTenantId;
    public const string IncidentsChannel = "19:incidents0000000000000000@thread.tacv2";

    private readonly TempDirectory _dir;
    private readonly string _settingsFile;
    private readonly string[] _arguments;
    private readonly TimeProvider? _time;
    private Action<IServiceCollection>? _configure;

    private TeamsHost(
        TempDirectory dir, string settingsFile, string[] arguments, TimeProvider? time, FakeMicrosoftServer server, FakeMicrosoftIdentity identity, FakeBotConnector connector, RunningHost host, FakeSlackServer? slack)
    {
        _dir = dir;
        _settingsFile = settingsFile;
        _arguments = arguments;
        _time = time;
        Server = server;
        Identity = identity;
        Connector = connector;
        Host = host;
        Slack = slack;
    }

    public FakeMicrosoftServer Server { get; }
    public FakeMicrosoftIdentity Identity { get; }
    public FakeBotConnector Connector { get; }
    public RunningHost Host { get; private set; }

    /// <summary>The fake Slack, when the host was started with Slack configured too.</summary>
    public FakeSlackServer? Slack { get; }

    /// <summary>The serviceUrl of every activity the tests send: the fake connector's.</summary>
    public string ServiceUrl => Connector.ServiceUrl.ToString();

    /// <param name="withSlack">Also configure Slack against a fake Slack, for people on both platforms.</param>
    /// <param name="settings">More <c>--Key=value</c> arguments.</param>
    public static Task<TeamsHost> StartAsync(bool withSlack = false, params string[] settings) => StartAsync(null, withSlack, settings);

    /// <param name="time">The host's clock (null: the system's), for tests that move time.</param>
    /// <param name="withSlack">Also configure Slack against a fake Slack, for people on both platforms.</param>
    /// <param name="settings">More <c>--Key=value</c> arguments.</param>
    public static Task<TeamsHost> StartAsync(TimeProvider? time, bool withSlack = false, params string[] settings) => StartAsync(time, withSlack, null, settings);

    /// <param name="time">The host's clock (null: the system's), for tests that move time.</param>
    /// <param name="withSlack">Also configure Slack against a fake Slack, for people on both platforms.</param>
    /// <param name="configure">More service registrations, after the host's own (e.g. a log capture).</param>
    /// <param name="settings">More <c>--Key=value</c> arguments.</param>
    public static async Task<TeamsHost> StartAsync(TimeProvider? time, bool withSlack, Action<IServiceCollection>? configure, params string[] settings)
    {
        var dir = new TempDirectory();
        var identity = new FakeMicrosoftIdentity();
        var connector = new FakeBotConnector();
        var server = await FakeMicrosoftServer.StartAsync(identity.Map, connector.Map);
        identity.Attach(server);
        var slack = withSlack ? await FakeSlackServer.StartAsync() : null;
        string[] slackSettings = slack is null ? [] :
        [
            "--SecBot:Slack:SigningSecret=test-signing-secret",
            "--SecBot:Slack:BotToken=xoxb-test",
            $"--SecBot:Slack:ApiBaseUrl={slack.ApiBase}",
            "--SecBot:Slack:IncidentsChannel=C0INCIDENTS",
            "--SecBot:Slack:Resilience:BaseDelay=00:00:00.05",
            "--SecBot:Slack:Resilience:MaxDelay=00:00:00.2",
        ];
        string[] arguments =
            [
                $"--SecBot:Teams:AppId={AppId}",
                $"--SecBot:Teams:AppPassword={FakeBotConnector.DefaultAppPassword}",
                $"--SecBot:Teams:TenantId={TenantId}",
                $"--SecBot:Teams:ServiceUrl={connector.ServiceUrl}",
                $"--SecBot:Teams:OpenIdMetadataUrl={identity.OpenIdMetadataUrl}",
                $"--SecBot:Teams:EntraOpenIdMetadataUrl={identity.EntraOpenIdMetadataUrl}",
                $"--SecBot:Teams:TokenEndpoint={connector.TokenEndpoint}",
                $"--SecBot:Teams:IncidentsChannel={IncidentsChannel}",
                "--SecBot:Teams:Resilience:BaseDelay=00:00:00.05",
                "--SecBot:Teams:Resilience:MaxDelay=00:00:00.2",
                .. slackSettings,
                .. settings,
            ];
        var settingsFile = PolicyFile.WriteCopy(dir);
        var host = await RunningHost.StartAsync(settingsFile, dir.File("secbot.db"), time, configure, arguments);
        return new TeamsHost(dir, settingsFile, arguments, time, server, identity, connector, host, slack) { _configure = configure };
    }

    /// <summary>Stops the host and starts it again on the same database and settings, against the same fakes.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = await RunningHost.StartAsync(_settingsFile, _dir.File("secbot.db"), _time, _configure, _arguments);
    }

    /// <summary>Now, by the host's clock.</summary>
    public DateTimeOffset Now => Host.App.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    public Roster Roster => Host.App.Services.GetRequiredService<Roster>();

    /// <summary>Whom the policy pages now for an L1 general incident, derived from the policy.</summary>
    public IReadOnlyList<Person> OnCallNow => OnCallPolicy.PagedAt(Host.App.Services, "L1", "general", Now);

    /// <summary>The roster's people with a Teams id, in roster order.</summary>
    public IReadOnlyList<Person> PeopleOnTeams => [.. Roster.People.Where(p => p.TeamsUserId.Length > 0)];

    /// <summary>Someone on Teams who is not on call now: a declarer whose own card is never mistaken for a page.</summary>
    public Person OffCallDeclarer() => PeopleOnTeams.First(p => OnCallNow.All(o => o.Id != p.Id));

    /// <summary>POSTs <paramref name="activity"/> to /api/messages with a valid token, or <paramref name="token"/> (null: none).</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = "", string? contentType = "application/json") =>
        PostRawAsync(activity.ToJsonString(), (string?)activity["serviceUrl"] ?? ServiceUrl, token, contentType);

    /// <summary>POSTs <paramref name="body"/> as it is, with a valid token for <paramref name="serviceUrl"/>, or <paramref name="token"/> (null: none).</summary>
    /// <param name="forwardedFor">An <c>X-Forwarded-For</c> header, as a reverse proxy or tunnel in front of SecBot adds.</param>
    public async Task<HttpResponseMessage> PostRawAsync(string body, string serviceUrl, string? token = "", string? contentType = "application/json", string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        token = token == "" ? Identity.BotFrameworkToken(AppId, serviceUrl, Now) : token;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await Host.Http.SendAsync(request);
    }

    /// <summary>A 1:1 message from <paramref name="person"/> (the real personal capture, re-addressed).</summary>
    public JsonObject PersonalMessage(Person person, string text, string? id = null) =>
        TeamsActivities.PersonalMessage(person, text, ServiceUrl, AppId, TenantId, id);

    /// <summary>The bot installed by <paramref name="person"/> in their personal scope (the real capture, re-addressed).</summary>
    public JsonObject Installed(Person person) => TeamsActivities.Installed(person, ServiceUrl, AppId, TenantId);

    /// <summary>
    /// A press of <paramref name="button"/> (an Action.Execute element of a card SecBot sent) by <paramref name="person"/>,
    /// on the card activity <paramref name="cardActivityId"/> in <paramref name="conversationId"/>, with <paramref name="inputs"/>
    /// filled in (ids as the card names them): the real invoke capture, re-addressed.
    /// </summary>
    public JsonObject Invoke(Person person, string conversationId, string cardActivityId, JsonObject button, IReadOnlyDictionary<string, string>? inputs = null) =>
        TeamsActivities.Invoke(person, conversationId, cardActivityId, button, inputs, ServiceUrl, AppId, TenantId);

    /// <summary>The serviceUrl of channel activities: regional and tenant-qualified, as in the channel-mention capture.</summary>
    public string ChannelServiceUrl => Connector.TenantServiceUrl("amer", TenantId).ToString();

    /// <summary>
    /// <paramref name="person"/> @mentions the bot in a channel thread followed by <paramref name="command"/> (the real
    /// channel-mention capture, re-addressed; its thread is <see cref="TeamsActivities.ChannelThread"/>).
    /// </summary>
    public JsonObject ChannelMention(Person person, string command, string? id = null) =>
        TeamsActivities.ChannelMention(person, command, ChannelServiceUrl, AppId, TenantId, id);

    /// <summary>The bot added to a team by <paramref name="person"/> (the real team capture, re-addressed).</summary>
    public JsonObject TeamInstalled(Person person) => TeamsActivities.TeamInstalled(person, ChannelServiceUrl, AppId, TenantId);

    /// <summary>A legacy <c>Action.Submit</c> of <paramref name="button"/>'s data on a card in a 1:1 chat (the real messageBack capture, re-addressed).</summary>
    public JsonObject ActionSubmit(Person person, string conversationId, string cardActivityId, JsonObject button) =>
        TeamsActivities.ActionSubmit(person, conversationId, cardActivityId, button, ServiceUrl, AppId, TenantId);

    /// <summary>Declares the person reachable on Teams, as installing the app would, and waits until SecBot learned it.</summary>
    public async Task InstallAsync(Person person)
    {
        using var installed = await PostAsync(Installed(person));
        if (!installed.IsSuccessStatusCode) throw new InvalidOperationException($"install answered {installed.StatusCode}");
    }

    /// <summary>Everyone on Teams installs the app, so SecBot knows each one's 1:1 chat.</summary>
    public async Task InstallEveryoneAsync()
    {
        foreach (var person in PeopleOnTeams) await InstallAsync(person);
    }

    /// <summary>
    /// Types <paramref name="text"/> in <paramref name="person"/>'s 1:1 chat and waits for SecBot's answer there (sent as a
    /// reply or a new activity): the first activity to that chat after the message.
    /// </summary>
    public async Task<FakeBotConnector.Call> AskAsync(Person person, string text)
    {
        var conversation = TeamsActivities.PersonalConversationOf(person);
        bool InChat(FakeBotConnector.Call c) => c.ConversationId == conversation && c.Operation is FakeBotConnector.Operation.Send or FakeBotConnector.Operation.Reply;
        var before = Connector.Calls.Count(InChat);
        using var asked = await PostAsync(PersonalMessage(person, text));
        if (!asked.IsSuccessStatusCode) throw new InvalidOperationException($"'{text}' answered {asked.StatusCode}");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (Connector.Calls.Count(InChat) <= before)
        {
            if (cts.IsCancellationRequested) throw new TimeoutException($"no answer to '{text}'");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        }

        return Connector.Calls.Where(InChat).Skip(before).First();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
        if (Slack is not null) await Slack.DisposeAsync();
        Identity.Dispose();
        _dir.Dispose();
    }
}
