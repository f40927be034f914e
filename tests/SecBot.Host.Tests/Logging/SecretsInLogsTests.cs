using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using SecBot.Host.Tests.Alerts;
using SecBot.Host.Tests.GateApi;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Host.Tests.Teams;
using SecBot.Host.Tests.WebConsole;
using SecBot.Host.WebConsole;
using SecBot.Slack.Verification;
using SecBot.Storage.Delivery;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Logging;

/// <summary>
/// A run of the real host with every secret SecBot can be configured with, driven through each way in (a signed Slack
/// command, the Gate API, both alert sources, a Teams message, a web console login and a press of it) and with wrong credentials, logged at Trace for every
/// category: no log entry, in its text, its structured properties or its scopes, holds a configured secret or a token.
/// </summary>
public sealed class SecretsInLogsTests
{
    private const string SigningSecret = "slack-signing-secret-5d1e9c07";
    private const string BotToken = "xoxb-secret-bot-token-93c1a6";
    private const string CheckpointKey = "ledger-checkpoint-key-0f5c2e9b71d4a3c8";
    private const string ConsoleKey = "console-admin-key-7e2b94d0c6a1";

    [Fact]
    public async Task No_configured_secret_or_token_appears_in_any_log_entry_at_trace()
    {
        var logs = new FullLogCapture();
        await using var teams = await TeamsHost.StartAsync(
            null,
            withSlack: true,
            services => services.AddSingleton<ILoggerProvider>(logs),
            [
                $"--SecBot:Slack:SigningSecret={SigningSecret}",
                $"--SecBot:Slack:BotToken={BotToken}",
                $"--SecBot:Ledger:CheckpointKey={CheckpointKey}",
                "--SecBot:Console:Enabled=true",
                $"--SecBot:Console:AdminKeys:{ConsoleKey}=Olivia Grant",
                $"--SecBot:Alerts:RoutingKeys:{AlertBodies.PagerDutyKey}:Type=general",
                $"--SecBot:Alerts:RoutingKeys:{AlertBodies.AlertmanagerKey}:Type=general",
                .. GateApiClient.Settings(),
                "--Logging:LogLevel:Default=Trace",
                "--Logging:LogLevel:Microsoft=Trace",
                "--Logging:LogLevel:Microsoft.AspNetCore=Trace",
                "--Logging:LogLevel:System=Trace",
            ]);
        var http = teams.Host.Http;
        var slack = teams.Slack!;

        using (var declared = await SignedSlackAsync(http, SigningSecret, SlackPayloads.SlashCommand("declare Beacon to a known C2 host", "U0MAYA0001", "C0GENERAL")))
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        using (var forged = await SignedSlackAsync(http, "not-the-signing-secret", SlackPayloads.SlashCommand("status", "U0MAYA0001", "C0GENERAL")))
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var who = GateReviewers.Of(teams.Host.App.Services, teams.Now);
        using (var opened = await teams.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id)))
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        using (var wrongKey = await teams.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.4", who.Requester.Id), key: "wrong-pipeline-key-0123456789"))
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        using (var alert = await http.PostAsync(new Uri("/alerts/v2/enqueue", UriKind.Relative), Json(AlertBodies.Trigger())))
            Assert.Equal(HttpStatusCode.Accepted, alert.StatusCode);
        using (var inQuery = await http.PostAsync(
            new Uri($"/alerts/alertmanager?routing_key={AlertBodies.AlertmanagerKey}", UriKind.Relative), Json(AlertBodies.Notification(("fp1", "firing", "DiskFull")))))
            Assert.True(inQuery.IsSuccessStatusCode, inQuery.StatusCode.ToString());
        using (var wrongRoutingKey = await http.PostAsync(new Uri("/alerts/v2/enqueue", UriKind.Relative), Json(AlertBodies.Trigger(routingKey: "pd-routing-key-unknown-000000001"))))
            Assert.False(wrongRoutingKey.IsSuccessStatusCode);
        var teamsPerson = teams.PeopleOnTeams[0];
        await teams.InstallAsync(teamsPerson);
        await teams.AskAsync(teamsPerson, "status");
        using (var unsigned = await teams.PostAsync(teams.PersonalMessage(teamsPerson, "status"), token: null))
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        using (var wrongLogin = await ChatHost.PostAsync(http, ConsoleLogin.Path, JsonContent.Create(new { key = "not-the-console-admin-key-000" })))
            Assert.Equal(HttpStatusCode.Unauthorized, wrongLogin.StatusCode);
        string consoleCookie;
        using (var login = await ChatHost.PostAsync(http, ConsoleLogin.Path, JsonContent.Create(new { key = ConsoleKey })))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            consoleCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ConsoleLogin.CookieName + "=", StringComparison.Ordinal)).Split(';')[0][(ConsoleLogin.CookieName.Length + 1)..];
        }

        using (var asConsole = await ChatHost.PostAsync(http, "/console/say", JsonContent.Create(new { @as = teamsPerson.Id, text = "status" })))
            Assert.Equal(HttpStatusCode.OK, asConsole.StatusCode);
        await slack.WaitForAsync("chat.postMessage");
        await WaitForOutboxAsync(teams);

        string[] secrets =
        [
            SigningSecret, BotToken, CheckpointKey, ConsoleKey, consoleCookie, FakeBotConnector.DefaultAppPassword, GateApiClient.Key, AlertBodies.PagerDutyKey, AlertBodies.AlertmanagerKey,
            .. teams.Connector.IssuedTokens,
        ];
        Assert.NotEmpty(teams.Connector.IssuedTokens);
        Assert.True(logs.Entries.Count > 100, $"only {logs.Entries.Count} entries were logged; was Trace on?");
        var leaks = logs.Entries
            .SelectMany(entry => secrets.Where(secret => entry.AllText().Any(text => text.Contains(secret, StringComparison.Ordinal))).Select(secret => $"{secret[..6]}… in {entry}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    private static async Task<HttpResponseMessage> SignedSlackAsync(HttpClient http, string secret, string body)
    {
        var signer = new SlackRequestVerifier(secret, TimeProvider.System);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/command", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        request.Headers.Add(SlackHeaders.RequestTimestamp, timestamp);
        request.Headers.Add(SlackHeaders.Signature, signer.Sign(timestamp, bytes));
        return await http.SendAsync(request);
    }

    private static async Task WaitForOutboxAsync(TeamsHost teams)
    {
        var backlog = teams.Host.App.Services.GetRequiredService<OutboxBacklog>();
        await Incidents.DatabaseFile.WaitUntilAsync(async () => (await backlog.ListAsync(CancellationToken.None)).All(p => p.Pending == 0), "the outbox to deliver everything");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
