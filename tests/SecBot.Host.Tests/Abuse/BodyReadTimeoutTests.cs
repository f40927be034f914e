namespace SecBot.Host.Tests.Abuse;

/// <summary>
/// A body that starts and then stops is not waited for past <c>SecBot:Http:BodyReadTimeout</c>, however fast its start
/// (Kestrel's minimum rate is an average, so a fast start would buy it minutes): 408 with a JSON error, the connection
/// closed, the refusal counted under <c>body-too-slow</c>.
/// </summary>
public sealed class BodyReadTimeoutTests
{
    [Fact]
    public async Task A_body_that_stops_half_way_is_answered_408_and_its_connection_closed()
    {
        await using var slack = await Slack.SlackHost.StartAsync(null, "--SecBot:Http:BodyReadTimeout=1s", "--SecBot:Http:MinDataRateGracePeriod=00:10:00");
        using var refusals = RefusalFloodTests.Refusals(slack.Host);
        await using var connection = await RawConnection.OpenAsync(slack.Host.Http.BaseAddress!);

        await connection.TrySendAsync(FloodPageTests.StalledBody(slack.Now) + new string('a', 64 * 1024));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answer = await connection.ReadToEndAsync(guard.Token);

        Assert.True(answer.StartsWith("HTTP/1.1 408 ", StringComparison.Ordinal), answer);
        Assert.Contains("\"error\":\"the body did not arrive within 1 s\"", answer, StringComparison.Ordinal);
        Assert.Equal(1, RefusalFloodTests.Count(refusals, "body-too-slow"));
        Assert.Empty(await slack.IncidentsAsync());
    }
}
