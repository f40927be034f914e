using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Host.Configuration;
using SecBot.Host.Delivery;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Configuration;

/// <summary>What an operator sees when the settings do not mean what they say, and what SecBot says it will do when they do.</summary>
public sealed class StartupConfigurationTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_problem_in_the_file_environment_and_arguments_is_shown_in_one_run_with_exit_code_2()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root =>
        {
            root["SecBot"]!["Escalation"]!["Levels"]![1]!["AckTimeout"] = "10:00";
            root["SecBot"]!["Escalation"]!["Repages"] = "once";
            root["SecBot"]!["Escalation"]!["IncidentTypes"]![0]!["StartLevel"] = "L9";
            root["SecBot"]!["Reviews"]!["ReminderAfter"] = "24:00:00";
            root["SecBot"]!["Roster"]!["Rotations"]![0]!["Members"]![0] = "nobody-here";
            root["SecBot"]!["Roster"]!["Rotations"]![0]!["TimeZone"] = "Mars/Olympus_Mons";
        });

        var outcome = await HostProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["SECBOT_SETTINGS"] = settings,
                ["SecBot__Database__Path"] = dir.File("secbot.db"),
                ["SecBot__Retention__SweepEvery"] = "00:00:05",
                ["SecBot__Slack__SigningSecret"] = "signing-secret",
                ["SecBot__Ledger__CheckpointKey"] = "too-short",
            },
            ProcessTimeout,
            "--urls", "http://127.0.0.1:0", "--SecBot:Delivery:RetryFor=48:00:00");

        Assert.Equal(2, outcome.ExitCode);
        var lines = outcome.StandardError.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("SecBot cannot start: invalid configuration", lines[0]);
        Assert.Contains(
            "SecBot:Escalation:Levels:1:AckTimeout: '10:00' is ambiguous (.NET reads it as 10 hours; it may be meant as minutes:seconds); "
            + "write '10:00:00' or '10h' if hours:minutes, '00:10:00' or '10m' if minutes:seconds",
            lines);
        Assert.Contains("SecBot:Reviews:ReminderAfter: '24:00:00' is ambiguous (.NET reads it as 24 days); write '1.00:00:00' or '24h'", lines);
        Assert.Contains("SecBot:Escalation:Repages: 'once' is not a valid whole number", lines);
        Assert.Contains("SecBot:Delivery:RetryFor: '48:00:00' is ambiguous (.NET reads it as 48 days); write '2.00:00:00' or '48h'", lines);
        Assert.Contains(lines, l => l.StartsWith("SecBot:Escalation:IncidentTypes:0:StartLevel: ", StringComparison.Ordinal) && l.Contains("'L9'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SecBot:Roster:Rotations:0:Members:0: ", StringComparison.Ordinal) && l.Contains("nobody-here", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SecBot:Roster:Rotations:0:TimeZone: ", StringComparison.Ordinal) && l.Contains("Mars/Olympus_Mons", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SecBot:Retention:SweepEvery must be at least", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SecBot:Slack:BotToken is required", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SecBot:Ledger:CheckpointKey must be at least", StringComparison.Ordinal));
        Assert.Equal(11, lines.Length);
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")), "nothing is written when the configuration is invalid");
    }

    [Fact]
    public async Task Malformed_json_names_the_file_line_column_and_what_was_expected_with_exit_code_2()
    {
        using var dir = new TempDirectory();
        var settings = dir.File("settings.json");
        await File.WriteAllTextAsync(settings, """
            {
              "SecBot": {
                "Reviews": {
                  "ReminderAfter": "24h"
                  "ManagerNoticeAfter": "3d"
                }
              }
            }
            """);

        var outcome = await HostProcess.RunAsync(new Dictionary<string, string> { ["SECBOT_SETTINGS"] = settings }, ProcessTimeout);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(
            $"{settings}: line 5, column 7: '\"' is invalid after a value. Expected either ',', '}}', or ']'",
            outcome.StandardError,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_value_is_placed_in_characters_as_an_editor_counts_them_and_says_a_value_was_expected()
    {
        using var dir = new TempDirectory();
        var settings = dir.File("settings.json");
        await File.WriteAllTextAsync(settings, "{\n  \"SecBot\": { \"Note\": \"Zoë’s\", \"Escalation\": { \"Repages\": } }\n}\n");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SecBotApp.CreateAsync([], settings));
        var loadedElsewhere = Assert.ThrowsAny<InvalidDataException>(() => new ConfigurationBuilder().AddJsonFile(settings).Build());

        var expected = $"{settings}: line 2, column 59: '}}' is an invalid start of a value; expected a value: "
            + "a \"string\", a number, true, false, null, an {object} or an [array]";
        Assert.Equal(expected, StartupFailure.Describe(failure));
        Assert.Equal(expected, StartupFailure.Describe(loadedElsewhere));
    }

    [Fact]
    public async Task Durations_in_units_start_the_service_and_every_effective_duration_is_logged()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root =>
        {
            root["SecBot"]!["Escalation"]!["Levels"]![0]!["AckTimeout"] = "5m";
            root["SecBot"]!["Reviews"]!["ReminderAfter"] = "24h";
            root["SecBot"]!["Reviews"]!["ManagerNoticeAfter"] = "3d";
            root["SecBot"]!["Roster"]!["Rotations"]![0]!["Length"] = "7d";
        });
        var log = new LogCapture("SecBot.Host");

        await using var app = await SecBotApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}", "--SecBot:Delivery:RetryFor=90m"],
            settings,
            services => services.AddSingleton<ILoggerProvider>(log));

        var policy = app.Services.GetRequiredService<IOptions<PolicyOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(5), policy.Escalation.Levels[0].AckTimeout);
        Assert.Equal(TimeSpan.FromHours(24), policy.Reviews.ReminderAfter);
        Assert.Equal(TimeSpan.FromDays(3), policy.Reviews.ManagerNoticeAfter);
        Assert.Equal(TimeSpan.FromDays(7), policy.Roster.Rotations[0].Length);
        Assert.Equal(TimeSpan.FromMinutes(90), app.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.RetryFor);
        Assert.Contains("Ack timeout at level L1: 5 minutes (SecBot:Escalation:Levels:0:AckTimeout = 00:05:00)", log.Lines);
        Assert.Contains("Ack timeout at level L2: 10 minutes (SecBot:Escalation:Levels:1:AckTimeout = 00:10:00)", log.Lines);
        Assert.Contains("Review reminder after: 1 day (SecBot:Reviews:ReminderAfter = 1.00:00:00)", log.Lines);
        Assert.Contains("Review manager notice after: 3 days (SecBot:Reviews:ManagerNoticeAfter = 3.00:00:00)", log.Lines);
        Assert.Contains("Shift length of rotation l1: 7 days (SecBot:Roster:Rotations:0:Length = 7.00:00:00)", log.Lines);
        Assert.Contains("Delivery retried for: 1 hour 30 minutes (SecBot:Delivery:RetryFor = 01:30:00)", log.Lines);
        Assert.Contains("Sent messages kept for: 7 days (SecBot:Retention:SentMessages = 7.00:00:00)", log.Lines);
        Assert.Contains("Unacknowledged pages are re-sent 1 time before the incident escalates (SecBot:Escalation:Repages)", log.Lines);
    }

    [Fact]
    public async Task A_refused_duration_is_reported_alone_not_again_through_the_default_that_stood_in_for_it()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root =>
        {
            // Meant as 7 days; the 72-hour default standing in for it would make the 4-day reminder look late.
            root["SecBot"]!["Reviews"]!["ReminderAfter"] = "4.00:00:00";
            root["SecBot"]!["Reviews"]!["ManagerNoticeAfter"] = "7:00:00:00";
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => SecBotApp.CreateAsync(["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}"], settings));

        Assert.Equal($"SecBot:Reviews:ManagerNoticeAfter: '7:00:00:00' is not a duration; {SettingDuration.AcceptedForms}", StartupFailure.Describe(failure));
    }
}
