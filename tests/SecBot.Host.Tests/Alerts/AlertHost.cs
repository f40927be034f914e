using System.Net.Http.Headers;
using System.Text;
using SecBot.Host.Tests.Slack;

namespace SecBot.Host.Tests.Alerts;

/// <summary>The real host with Slack against the fake Slack server, and two routing keys: PagerDuty's and Alertmanager's, both general at L1.</summary>
internal static class AlertHost
{
    public static Task<SlackHost> StartAsync(params string[] settings) => SlackHost.StartAsync(null, [.. RoutingKeys, .. settings]);

    public static Task<SlackHost> StartOnClockAsync(TimeProvider clock, params string[] settings) => SlackHost.StartOnClockAsync(clock, null, [.. RoutingKeys, .. settings]);

    private static readonly string[] RoutingKeys =
    [
        $"--SecBot:Alerts:RoutingKeys:{AlertBodies.PagerDutyKey}:Type=general",
        $"--SecBot:Alerts:RoutingKeys:{AlertBodies.PagerDutyKey}:Level=L1",
        $"--SecBot:Alerts:RoutingKeys:{AlertBodies.AlertmanagerKey}:Type=general",
    ];

    extension(SlackHost host)
    {
        public Task<HttpResponseMessage> EnqueueAsync(string body) =>
            host.Host.Http.PostAsync(new Uri("/alerts/v2/enqueue", UriKind.Relative), Json(body));

        public Task<HttpResponseMessage> NotifyAsync(string body, string? bearer = AlertBodies.AlertmanagerKey, string? query = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/alerts/alertmanager" + query, UriKind.Relative)) { Content = Json(body) };
            if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return host.Host.Http.SendAsync(request);
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
