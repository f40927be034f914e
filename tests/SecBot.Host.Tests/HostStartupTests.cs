using System.Net;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests;

public sealed class HostStartupTests
{
    [Fact]
    public async Task Host_starts_on_a_temp_database_and_readyz_answers_200()
    {
        using var dir = new TempDirectory();
        var database = dir.File("nested/secbot.db");
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), database);

        using var ready = await host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var live = await host.Http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(File.Exists(database), "the database file is created with its directory");
    }

    [Fact]
    public async Task Slack_and_Teams_endpoints_answer_404_without_credentials()
    {
        using var dir = new TempDirectory();
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"));

        using var slack = await host.Http.PostAsync(new Uri("/slack/command", UriKind.Relative), new StringContent("text=help"));
        using var teams = await host.Http.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, slack.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, teams.StatusCode);
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_file_succeeds()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir);
        var database = dir.File("secbot.db");
        await using (await RunningHost.StartAsync(settings, database)) { }

        await using var again = await RunningHost.StartAsync(settings, database);
        using var ready = await again.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Invalid_policy_refuses_to_build_and_names_the_key_path()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Roster"]!["Rotations"]![0]!["Members"]![0] = "nobody-here");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings, dir.File("secbot.db")));

        var message = SecBot.Host.Configuration.StartupFailure.Describe(failure);
        Assert.NotNull(message);
        Assert.Contains("SecBot:Roster:Rotations:0:Members:0", message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")), "nothing is written when the policy is invalid");
    }

    [Fact]
    public async Task Bad_config_file_makes_the_process_exit_nonzero_with_the_message_and_no_stack_trace()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Roster"]!["Rotations"]![0]!["TimeZone"] = "Mars/Olympus_Mons");

        var outcome = await HostProcess.RunAsync(
            new Dictionary<string, string> { ["SECBOT_SETTINGS"] = settings, ["SecBot__Database__Path"] = dir.File("secbot.db") },
            TimeSpan.FromSeconds(60),
            "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("SecBot:Roster:Rotations:0:TimeZone", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparsable_duration_is_reported_with_its_key_path()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Escalation"]!["Levels"]![1]!["AckTimeout"] = "ten minutes");

        var outcome = await HostProcess.RunAsync(
            new Dictionary<string, string> { ["SECBOT_SETTINGS"] = settings, ["SecBot__Database__Path"] = dir.File("secbot.db") },
            TimeSpan.FromSeconds(60),
            "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("SecBot:Escalation:Levels:1:AckTimeout", outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_settings_file_named_by_SECBOT_SETTINGS_is_reported()
    {
        using var dir = new TempDirectory();

        var outcome = await HostProcess.RunAsync(
            new Dictionary<string, string> { ["SECBOT_SETTINGS"] = dir.File("absent.json") },
            TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("SECBOT_SETTINGS", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("absent.json", outcome.StandardError, StringComparison.Ordinal);
    }
}
