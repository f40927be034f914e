using Microsoft.Extensions.Configuration;
using SecBot.Chat.Delivery.Resilience;
using SecBot.Teams.Connector;

namespace SecBot.Teams.Tests.Connector;

/// <summary><c>SecBot:Teams:Resilience</c> binds the shared retry options.</summary>
public sealed class TeamsResilienceTests
{
    [Fact]
    public void The_section_overrides_the_shared_defaults_and_its_absence_keeps_them()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SecBot:Teams:Resilience:MaxRetryAttempts"] = "5",
            ["SecBot:Teams:Resilience:MaxInlineRetryAfter"] = "00:00:20",
        }).Build();

        var options = TeamsResilience.Bind(configured);
        var defaults = TeamsResilience.Bind(new ConfigurationBuilder().Build());

        Assert.Equal((5, TimeSpan.FromSeconds(20)), (options.MaxRetryAttempts, options.MaxInlineRetryAfter));
        Assert.Equal(new ApiResilienceOptions().BaseDelay, options.BaseDelay);
        Assert.Equal((3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), (defaults.MaxRetryAttempts, defaults.BaseDelay, defaults.AttemptTimeout));
    }
}
