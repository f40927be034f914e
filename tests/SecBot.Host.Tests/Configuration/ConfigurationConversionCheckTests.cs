using Microsoft.Extensions.Configuration;
using SecBot.Domain.Policy;
using SecBot.Host.Configuration;

namespace SecBot.Host.Tests.Configuration;

public sealed class ConfigurationConversionCheckTests
{
    private static IReadOnlyList<string> Check(Dictionary<string, string?> values) =>
        ConfigurationConversionCheck.Find(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("SecBot"), typeof(PolicyOptions));

    [Fact]
    public void A_list_element_with_an_unparsable_duration_is_named_instead_of_silently_dropped()
    {
        var problems = Check(new() { ["SecBot:Escalation:Levels:0:Name"] = "L1", ["SecBot:Escalation:Levels:0:AckTimeout"] = "ten minutes" });

        var problem = Assert.Single(problems);
        Assert.StartsWith("SecBot:Escalation:Levels:0:AckTimeout: 'ten minutes' is not a valid duration", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_dates_numbers_and_booleans_are_named_with_their_key_paths()
    {
        var problems = Check(new()
        {
            ["SecBot:Roster:People:0:Assignments:0:From"] = "first of march",
            ["SecBot:Roster:Rotations:0:Start"] = "monday",
            ["SecBot:Escalation:Repages"] = "once",
            ["SecBot:Escalation:Levels:3:NotifyOnly"] = "maybe",
        });

        Assert.Contains(problems, p => p.StartsWith("SecBot:Roster:People:0:Assignments:0:From:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("SecBot:Roster:Rotations:0:Start:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("SecBot:Escalation:Repages:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("SecBot:Escalation:Levels:3:NotifyOnly:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_policy_converts_cleanly()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Support.RepoPaths.Settings).Build();

        Assert.Empty(ConfigurationConversionCheck.Find(configuration.GetSection("SecBot"), typeof(PolicyOptions)));
    }
}
