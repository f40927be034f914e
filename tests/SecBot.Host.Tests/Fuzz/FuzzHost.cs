using System.Globalization;
using System.Text.Json;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Teams;
using SecBot.Slack.Verification;

namespace SecBot.Host.Tests.Fuzz;

/// <summary>
/// The host every fuzz row runs against: Slack and Teams both configured, against the fake Slack and the fake Microsoft
/// on loopback (<see cref="TeamsHost"/> with Slack), everyone on Teams installed. It authenticates requests as the genuine
/// senders do: a Slack signature over the exact bytes sent, a Bot Framework token from the fake Microsoft, a Bearer routing
/// key for alerts (<see cref="RoutingKey"/>) and a Bearer API key for the Gate API (<see cref="ApiKey"/>).
/// </summary>
public sealed class FuzzHost : IAsyncLifetime
{
    /// <summary>The alert routing key the host knows (<c>SecBot:Alerts:RoutingKeys</c>), general incidents at L1.</summary>
    internal const string RoutingKey = "fuzz-routing-key-00000000000000001";

    /// <summary>The Gate API key the host knows (<c>SecBot:Api:Keys</c>), belonging to <see cref="ApiService"/>.</summary>
    internal const string ApiKey = "fuzz-api-key-000000000000000000001";

    internal const string ApiService = "fuzz-pipeline";

    private readonly SlackRequestVerifier _slackSigner = new(SlackHost.SigningSecret, TimeProvider.System);
    private TeamsHost? _teams;

    internal TeamsHost Teams => _teams ?? throw new InvalidOperationException("the fuzz host is not started");

    internal RunningHost Host => Teams.Host;

    /// <summary>A person on both platforms, who sends the seeds' messages.</summary>
    internal Person Sender => Teams.PeopleOnTeams.First(p => p.SlackUserId.Length > 0);

    public async Task InitializeAsync()
    {
        _teams = await TeamsHost.StartAsync(
            withSlack: true,
            $"--SecBot:Alerts:RoutingKeys:{RoutingKey}:Type=general",
            $"--SecBot:Alerts:RoutingKeys:{RoutingKey}:Level=L1",
            $"--SecBot:Api:Keys:{ApiKey}:Name={ApiService}",
            // A Gate API row sends its ~1,000 requests with one key in well under the limiter's minute: past the default 120
            // they would be answered 429 without being read, and the run would measure the limiter instead of the parsing.
            "--SecBot:Api:RateLimit:PermitLimit=1000000",
            // Likewise the alert rows open hundreds of incidents with one routing key within a minute: past the default 100
            // new incidents per key they would be answered 429 (NewIncidentLimitTests pins that limit).
            "--SecBot:Alerts:NewIncidents:PerKey=1000000");
        await _teams.InstallEveryoneAsync();
    }

    public async Task DisposeAsync()
    {
        if (_teams is not null) await _teams.DisposeAsync();
    }

    /// <summary>Signs <paramref name="body"/> as Slack does, now by the host's clock (slack-protocol.md §1).</summary>
    internal void SignAsSlack(HttpRequestMessage request, byte[] body)
    {
        var timestamp = Teams.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, _slackSigner.Sign(timestamp, body));
    }

    /// <summary>
    /// A valid Bot Framework token for the serviceUrl the body names when it names one of the fake connector's, else for the
    /// connector's own: a spoiled serviceUrl elsewhere is refused by the token's binding, as it would be from Microsoft.
    /// </summary>
    internal void AuthorizeAsTeams(HttpRequestMessage request, byte[] body)
    {
        var serviceUrl = ServiceUrlIn(body) is { } named && (named == Teams.ServiceUrl || named == Teams.ChannelServiceUrl) ? named : Teams.ServiceUrl;
        request.Headers.Authorization = new("Bearer", Teams.Identity.BotFrameworkToken(TeamsHost.AppId, serviceUrl, Teams.Now));
    }

    /// <summary>An <c>Authorization: Bearer</c> header with <paramref name="key"/>, as Alertmanager and a pipeline send theirs.</summary>
    internal static void AuthorizeWith(HttpRequestMessage request, string key) => request.Headers.Authorization = new("Bearer", key);

    private static string? ServiceUrlIn(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("serviceUrl", out var url) && url.ValueKind == JsonValueKind.String
                ? url.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
