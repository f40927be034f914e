using SecBot.Host.Terminal;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Terminal;

public sealed class TerminalDrainTests
{
    [Fact]
    public async Task What_stays_undelivered_at_the_end_is_named_and_left_queued()
    {
        using var dir = new TempDirectory();
        await using var slack = await FakeSlackServer.StartAsync();
        slack.FailWith(FakeResponse.RateLimited(600));

        var run = await TerminalRun.RunAsync(
            dir,
            "declare Disk full on db1\n",
            new TerminalDrainLimits(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)),
            "--as", "maya",
            $"--SecBot:Slack:SigningSecret={SlackHost.SigningSecret}",
            "--SecBot:Slack:BotToken=xoxb-test",
            $"--SecBot:Slack:ApiBaseUrl={slack.ApiBase}",
            $"--SecBot:Slack:IncidentsChannel={SlackHost.IncidentsChannel}",
            "--SecBot:Slack:Resilience:BaseDelay=00:00:00.05",
            "--SecBot:Slack:Resilience:MaxDelay=00:00:00.2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("INC-1: Disk full on db1", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("── to", run.Output, StringComparison.Ordinal);
        Assert.Contains("The console platform is off (SecBot:Console:Enabled): messages go to Slack, not here.", run.Error, StringComparison.Ordinal);
        // The last error is named once a send has failed; the end may come before the first attempt does.
        Assert.Matches(@"Note: \d+ messages? for Slack (was|were) not delivered yet( \(last error: .+\))?; queued messages stay in the database and go out when SecBot runs again\.", run.Error);
    }
}
