using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using SecBot.Chat.Telemetry;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Teams;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Abuse;

/// <summary>
/// A flood of refused requests is counted one by one on <c>secbot.requests.refused</c> by cause, and logged at most
/// once a minute per cause: the log an operator reads stays a couple of lines, whatever the flood.
/// </summary>
public sealed class RefusalFloodTests
{
    private const string RefusedCounter = "secbot.requests.refused";

    [Fact]
    public async Task Five_hundred_badly_signed_slack_requests_are_all_counted_and_logged_in_at_most_two_lines()
    {
        await using var slack = await SlackHost.StartAsync();
        var log = Capture(slack.Host, "SecBot.Chat.Inbound.RefusedRequests");
        var adapter = Capture(slack.Host, "SecBot.Slack");
        using var refusals = Refusals(slack.Host);
        var body = SlackPayloads.SlashCommand("declare Breach", "U0MAYA0001", "C0GENERAL");

        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            // Half fail from their headers alone, half only once the body's signature is checked.
            using var response = i % 2 == 0
                ? await slack.PostAsync("/slack/command", body, "application/x-www-form-urlencoded", signature: "v0=" + new string('0', 64))
                : await slack.Host.Http.PostAsync(new Uri("/slack/event", UriKind.Relative), new StringContent("{}"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        });

        Assert.Equal(500, Count(refusals, "slack-signature"));
        var warnings = log.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.InRange(warnings.Count, 1, 2);
        Assert.All(warnings, w => Assert.Contains("slack-signature", w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(adapter.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Empty(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task Five_hundred_teams_requests_with_no_or_forged_tokens_are_all_counted_and_logged_in_at_most_two_lines()
    {
        await using var teams = await TeamsHost.StartAsync();
        var log = Capture(teams.Host, "SecBot.Chat.Inbound.RefusedRequests");
        var adapter = Capture(teams.Host, "SecBot.Teams");
        using var refusals = Refusals(teams.Host);
        var declare = teams.PersonalMessage(teams.PeopleOnTeams[0], "declare Suspicious login");
        var forged = teams.Identity.BotFrameworkToken(TeamsHost.AppId, teams.ServiceUrl, teams.Now, TokenForgery.WrongKey);

        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var response = await teams.PostAsync(declare, i % 2 == 0 ? forged : null);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        });

        Assert.Equal(500, Count(refusals, "teams-token"));
        var warnings = log.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.InRange(warnings.Count, 1, 2);
        Assert.All(warnings, w => Assert.Contains("teams-token", w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(adapter.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Empty(await teams.IncidentsAsync());
    }

    /// <summary>Every log entry the running host writes from now on in the categories starting with <paramref name="categoryPrefix"/>.</summary>
    internal static LogCapture Capture(RunningHost host, string categoryPrefix)
    {
        var log = new LogCapture(categoryPrefix);
        host.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        return log;
    }

    internal static MetricCollector<long> Refusals(RunningHost host) =>
        new(host.App.Services.GetRequiredService<IMeterFactory>(), SecBotMeter.Name, RefusedCounter);

    internal static long Count(MetricCollector<long> refusals, string cause) =>
        refusals.GetMeasurementSnapshot().Where(m => Equals(m.Tags["cause"], cause)).Sum(m => m.Value);
}
