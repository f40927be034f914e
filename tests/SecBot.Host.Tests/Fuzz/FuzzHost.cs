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
/// senders do: a Slack signature over the exact bytes sent, a Bot Framework token from the fake Microsoft.
/// </summary>
public sealed class FuzzHost : IAsyncLifetime
{
    private readonly SlackRequestVerifier _slackSigner = new(SlackHost.SigningSecret, TimeProvider.System);
    private TeamsHost? _teams;

    internal TeamsHost Teams => _teams ?? throw new InvalidOperationException("the fuzz host is not started");

    internal RunningHost Host => Teams.Host;

    /// <summary>A person on both platforms, who sends the seeds' messages.</summary>
    internal Person Sender => Teams.PeopleOnTeams.First(p => p.SlackUserId.Length > 0);

    public async Task InitializeAsync()
    {
        _teams = await TeamsHost.StartAsync(withSlack: true);
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
