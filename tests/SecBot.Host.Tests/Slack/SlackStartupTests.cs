using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Slack;

/// <summary>A bad <c>SecBot:Slack</c> section stops start-up with the other configuration checks, before the database is touched.</summary>
public sealed class SlackStartupTests
{
    [Fact]
    public async Task An_app_token_that_is_not_an_xapp_token_exits_2_naming_the_key()
    {
        using var dir = new TempDirectory();

        var outcome = await HostProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["SECBOT_SETTINGS"] = PolicyFile.WriteCopy(dir),
                ["SecBot__Database__Path"] = dir.File("secbot.db"),
                ["SecBot__Slack__AppToken"] = "xoxb-not-an-app-token",
            },
            TimeSpan.FromSeconds(60),
            "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("SecBot:Slack:AppToken must be an app-level token starting with xapp-", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("SecBot:Slack:BotToken is required when SecBot:Slack:AppToken is set", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signing_secret_without_a_bot_token_exits_2_naming_the_key_before_creating_the_database()
    {
        using var dir = new TempDirectory();
        var database = dir.File("secbot.db");

        var outcome = await HostProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["SECBOT_SETTINGS"] = PolicyFile.WriteCopy(dir),
                ["SecBot__Database__Path"] = database,
                ["SecBot__Slack__SigningSecret"] = "a-signing-secret",
            },
            TimeSpan.FromSeconds(60),
            "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("SecBot cannot start: invalid configuration", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("SecBot:Slack:BotToken is required when SecBot:Slack:SigningSecret is set", outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(database), "the database is not created when the Slack configuration is invalid");
    }

    [Fact]
    public async Task A_bad_api_base_url_is_refused_in_process_before_the_database_is_created()
    {
        using var dir = new TempDirectory();
        var database = dir.File("secbot.db");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir), database, "--SecBot:Slack:SigningSecret=s", "--SecBot:Slack:BotToken=xoxb-1", "--SecBot:Slack:ApiBaseUrl=not a url"));

        Assert.Contains("SecBot:Slack:ApiBaseUrl", SecBot.Host.Configuration.StartupFailure.Describe(failure), StringComparison.Ordinal);
        Assert.False(File.Exists(database), "nothing is written when the Slack configuration is invalid");
    }
}
