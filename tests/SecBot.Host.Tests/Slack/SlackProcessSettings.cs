using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SecBot.Slack.Verification;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// The settings of <see cref="SlackHost"/> for a host run as its own OS process (environment variables), and requests
/// signed the way Slack signs them, by the system clock, for such a process's own <see cref="HttpClient"/>.
/// </summary>
internal static class SlackProcessSettings
{
    private static readonly SlackRequestVerifier Signer = new(SlackHost.SigningSecret, TimeProvider.System);

    /// <summary>Slack against <paramref name="slack"/>, sending with <paramref name="botToken"/> (the Authorization of every call it makes).</summary>
    public static Dictionary<string, string> Environment(FakeSlackServer slack, string botToken) => new()
    {
        ["SecBot__Slack__SigningSecret"] = SlackHost.SigningSecret,
        ["SecBot__Slack__BotToken"] = botToken,
        ["SecBot__Slack__ApiBaseUrl"] = slack.ApiBase.ToString(),
        ["SecBot__Slack__IncidentsChannel"] = SlackHost.IncidentsChannel,
        ["SecBot__Slack__TeamId"] = SlackPayloads.TeamId,
        ["SecBot__Slack__AppId"] = SlackPayloads.AppId,
        ["SecBot__Slack__Resilience__BaseDelay"] = "00:00:00.05",
        ["SecBot__Slack__Resilience__MaxDelay"] = "00:00:00.2",
    };

    /// <summary>A signed <c>/secbot &lt;text&gt;</c> from <paramref name="userId"/>, for POSTing to the host.</summary>
    public static HttpRequestMessage SignedCommand(string text, string userId, string channelId = "C0GENERAL")
    {
        var bytes = Encoding.UTF8.GetBytes(SlackPayloads.SlashCommand(text, userId, channelId));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/command", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, Signer.Sign(timestamp, bytes));
        return request;
    }
}
