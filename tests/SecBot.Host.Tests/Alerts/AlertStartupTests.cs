using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Alerts;

/// <summary>A bad <c>SecBot:Alerts</c> section stops start-up with the other configuration checks, naming each key (never a whole routing key).</summary>
public sealed class AlertStartupTests
{
    [Fact]
    public async Task Unknown_types_levels_short_keys_and_unknown_severities_exit_2_each_named()
    {
        using var dir = new TempDirectory();

        var outcome = await HostProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["SECBOT_SETTINGS"] = PolicyFile.WriteCopy(dir),
                ["SecBot__Database__Path"] = dir.File("secbot.db"),
                ["SecBot__Alerts__RoutingKeys__short__Type"] = "general",
                ["SecBot__Alerts__RoutingKeys__typo-key-000000000001__Type"] = "genral",
                ["SecBot__Alerts__RoutingKeys__exec-key-000000000001__Type"] = "general",
                ["SecBot__Alerts__RoutingKeys__exec-key-000000000001__Level"] = "Executive",
                ["SecBot__Alerts__SeverityLevels__dire"] = "L2",
            },
            TimeSpan.FromSeconds(60),
            "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("SecBot:Alerts:RoutingKeys:shor… is 5 characters; a routing key must be at least 16", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("SecBot:Alerts:RoutingKeys:typo…:Type 'genral' is not an incident type", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("SecBot:Alerts:RoutingKeys:exec…:Level 'Executive' is entered only by a person's decision", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("SecBot:Alerts:SeverityLevels:dire is not a severity", outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("typo-key-000000000001", outcome.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")));
    }
}
