using Microsoft.Extensions.Configuration;
using SecBot.Domain.Policy;
using SecBot.Host.Configuration;

namespace SecBot.Host.Tests.Configuration;

public sealed class SettingsCheckTests
{
    private static SettingsCheckResult Check(Dictionary<string, string?> values) =>
        SettingsCheck.Run(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), BoundSection.All);

    [Fact]
    public void A_list_element_with_an_unparsable_duration_is_named_instead_of_silently_dropped()
    {
        var result = Check(new() { ["SecBot:Escalation:Levels:0:Name"] = "L1", ["SecBot:Escalation:Levels:0:AckTimeout"] = "ten minutes" });

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("SecBot:Escalation:Levels:0:AckTimeout: 'ten minutes' is not a duration", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ambiguous_durations_are_refused_wherever_SecBot_reads_one()
    {
        var result = Check(new()
        {
            ["SecBot:Reviews:ReminderAfter"] = "24:00:00",
            ["SecBot:Escalation:Levels:0:AckTimeout"] = "10:00",
            ["SecBot:Roster:Rotations:0:Length"] = "7",
            ["SecBot:Delivery:RetryFor"] = "48:00:00",
            ["SecBot:Retention:SentMessages"] = "-7d",
            ["SecBot:Slack:Resilience:BreakDuration"] = "00:30",
        });

        Assert.Equal(
            [
                "SecBot:Roster:Rotations:0:Length: '7' has no unit (.NET reads it as 7 days); write '7s', '7m', '7h' or '7d'",
                "SecBot:Escalation:Levels:0:AckTimeout: '10:00' is ambiguous (.NET reads it as 10 hours; it may be meant as minutes:seconds); write '10:00:00' or '10h' if hours:minutes, '00:10:00' or '10m' if minutes:seconds",
                "SecBot:Reviews:ReminderAfter: '24:00:00' is ambiguous (.NET reads it as 24 days); write '1.00:00:00' or '24h'",
                "SecBot:Delivery:RetryFor: '48:00:00' is ambiguous (.NET reads it as 48 days); write '2.00:00:00' or '48h'",
                "SecBot:Retention:SentMessages: '-7d' is negative; a duration must not be negative",
                "SecBot:Slack:Resilience:BreakDuration: '00:30' is ambiguous (.NET reads it as 30 minutes; it may be meant as minutes:seconds); write '00:30:00' or '30m' if hours:minutes, '00:00:30' or '30s' if minutes:seconds",
            ],
            result.Problems);
    }

    [Fact]
    public void Bad_dates_numbers_and_booleans_are_named_with_their_key_paths()
    {
        var result = Check(new()
        {
            ["SecBot:Roster:People:0:Assignments:0:From"] = "first of march",
            ["SecBot:Roster:Rotations:0:Start"] = "monday",
            ["SecBot:Escalation:Repages"] = "once",
            ["SecBot:Escalation:Levels:3:NotifyOnly"] = "maybe",
            ["SecBot:Slack:Resilience:MaxRetryAttempts"] = "three",
        });

        Assert.Contains("SecBot:Roster:People:0:Assignments:0:From: 'first of march' is not a valid date (yyyy-MM-dd)", result.Problems);
        Assert.Contains(result.Problems, p => p.StartsWith("SecBot:Roster:Rotations:0:Start: 'monday'", StringComparison.Ordinal));
        Assert.Contains("SecBot:Escalation:Repages: 'once' is not a valid whole number", result.Problems);
        Assert.Contains("SecBot:Escalation:Levels:3:NotifyOnly: 'maybe' is not a valid boolean (true or false)", result.Problems);
        Assert.Contains(result.Problems, p => p.StartsWith("SecBot:Slack:Resilience:MaxRetryAttempts: 'three'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unit_durations_bind_as_the_TimeSpan_they_mean_and_refused_values_keep_the_list_whole()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecBot:Escalation:Levels:0:Name"] = "L1",
            ["SecBot:Escalation:Levels:0:AckTimeout"] = "10m",
            ["SecBot:Escalation:Levels:1:Name"] = "L2",
            ["SecBot:Escalation:Levels:1:AckTimeout"] = "10:00",
            ["SecBot:Escalation:Levels:2:Name"] = "L3",
            ["SecBot:Escalation:Levels:2:AckTimeout"] = "00:00:03",
            ["SecBot:Reviews:ReminderAfter"] = "24h",
            ["SecBot:Reviews:ManagerNoticeAfter"] = "3d",
            ["SecBot:Roster:Rotations:0:Length"] = "1d 12h",
        });

        var result = SettingsCheck.Apply(configuration, BoundSection.All);
        var policy = configuration.GetSection(PolicyOptions.SectionName).Get<PolicyOptions>()!;

        Assert.Single(result.Problems);
        Assert.Equal(["L1", "L2", "L3"], policy.Escalation.Levels.Select(l => l.Name));
        Assert.Equal(TimeSpan.FromMinutes(10), policy.Escalation.Levels[0].AckTimeout);
        Assert.Equal(new LevelOptions().AckTimeout, policy.Escalation.Levels[1].AckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.Escalation.Levels[2].AckTimeout);
        Assert.Equal(TimeSpan.FromHours(24), policy.Reviews.ReminderAfter);
        Assert.Equal(TimeSpan.FromDays(3), policy.Reviews.ManagerNoticeAfter);
        Assert.Equal(TimeSpan.FromHours(36), policy.Roster.Rotations[0].Length);
    }

    [Fact]
    public void A_later_problem_about_a_refused_key_is_recognised_as_already_reported()
    {
        var result = Check(new() { ["SecBot:Reviews:ReminderAfter"] = "24:00:00" });

        Assert.True(result.AlreadyReported("SecBot:Reviews:ReminderAfter: the reminder (1.00:00:00) must come before the manager notice"));
        Assert.True(result.AlreadyReported("SecBot:Reviews:ReminderAfter must be positive."));
        Assert.True(result.AlreadyReported("SecBot:Reviews:ManagerNoticeAfter: must come after SecBot:Reviews:ReminderAfter (1.00:00:00)"));
        Assert.False(result.AlreadyReported("SecBot:Reviews:ReminderAfterX: other"));
        Assert.False(result.AlreadyReported("SecBot:Reviews:ManagerNoticeAfter: other"));
    }

    [Fact]
    public void The_shipped_settings_convert_cleanly_and_need_no_rewriting()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Support.RepoPaths.Settings).Build();

        var result = SettingsCheck.Run(configuration, BoundSection.All);

        Assert.Empty(result.Problems);
        Assert.Empty(result.Replacements);
    }
}
