using System.Globalization;
using System.Net;
using SecBot.Host.Tests.Slack;
using SecBot.Slack.Verification;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Abuse;

/// <summary>
/// Hostile traffic does not delay a real page: while unsigned and badly signed requests pour in and 100 connections
/// stall (half in their headers, half before a body that never comes), a real declare pages the person on call within
/// five seconds of being sent.
/// </summary>
public sealed class FloodPageTests
{
    private static readonly TimeSpan PageWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task During_a_flood_of_bad_requests_and_stalled_connections_a_declares_page_reaches_the_on_call_person_within_5_seconds()
    {
        await using var slack = await SlackHost.StartAsync(fake => fake.DirectChannelPerUser = true);
        var host = slack.Host.Http.BaseAddress!;
        using var refusals = RefusalFloodTests.Refusals(slack.Host);
        var stalled = new List<RawConnection>();
        try
        {
            for (var i = 0; i < 100; i++)
            {
                var connection = await RawConnection.OpenAsync(host);
                stalled.Add(connection);
                await connection.TrySendAsync(i % 2 == 0 ? StalledHeaders() : StalledBody(slack.Now));
            }

            using var stop = new CancellationTokenSource();
            var flood = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => FloodAsync(slack, stop.Token)));
            await Until(() => RefusalFloodTests.Count(refusals, "slack-signature") >= 100, "the flood never got going");

            var sent = TimeProvider.System.GetTimestamp();
            using var declared = await slack.CommandAsync("declare Breach during a flood");
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
            var paged = await OnCallPolicy.PagedAsync(slack.Host.App.Services, 1, "L1");
            Assert.NotEmpty(paged);
            foreach (var person in paged)
            {
                var left = PageWithin - TimeProvider.System.GetElapsedTime(sent);
                Assert.True(left > TimeSpan.Zero, $"no time left to page {person.Id}");
                var page = await slack.Slack.WaitForAsync(
                    "chat.postMessage", call => call["channel"] == FakeSlackServer.DirectChannelOf(person.SlackUserId) && call.Body.Contains("INC-1", StringComparison.Ordinal), left);
                Assert.NotNull(page);
            }

            var took = TimeProvider.System.GetElapsedTime(sent);
            await stop.CancelAsync();
            await flood;
            Assert.True(took <= PageWithin, $"the page took {took}");
            Assert.True(RefusalFloodTests.Count(refusals, "slack-signature") >= 100);
        }
        finally
        {
            foreach (var connection in stalled) await connection.DisposeAsync();
        }
    }

    internal static string StalledHeaders() => "POST /slack/event HTTP/1.1\r\nHost: localhost\r\nX-Slack-Requ";

    /// <summary>Signing headers of the right shape (so the body is waited for) and a body announced that never comes.</summary>
    internal static string StalledBody(DateTimeOffset now) => RawConnection.Head(
        "/slack/event",
        [
            $"{SlackHeaders.RequestTimestamp}: {now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}",
            $"{SlackHeaders.Signature}: v0={new string('a', 64)}",
            "Content-Type: application/json",
            RawConnection.ContentLength(BoundedBodyLength),
        ]);

    internal const int BoundedBodyLength = 1024 * 1024;

    private static async Task FloodAsync(SlackHost slack, CancellationToken stop)
    {
        var body = SlackPayloads.SlashCommand("declare Fake", "U0MAYA0001", "C0GENERAL");
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = i % 2 == 0
                    ? await slack.PostAsync("/slack/command", body, "application/x-www-form-urlencoded", signature: "v0=" + new string('0', 64))
                    : await slack.Host.Http.PostAsync(new Uri("/slack/action", UriKind.Relative), new StringContent("payload=%7B%7D"), stop);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task Until(Func<bool> condition, string otherwise)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (guard.IsCancellationRequested) throw new TimeoutException(otherwise);
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None);
        }
    }
}
