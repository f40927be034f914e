using SecBot.Host.Configuration;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.GateApi;

/// <summary>SecBot:Api:Keys is checked at start: a guessable key or one without its service stops start-up, named without the key.</summary>
public sealed class ApiKeySettingsTests
{
    [Fact]
    public async Task A_short_key_or_a_key_without_a_service_name_stops_start_up_naming_the_problem_but_not_the_key()
    {
        using var dir = new TempDirectory();

        var failure = await Assert.ThrowsAsync<StartupConfigurationException>(() => RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir), dir.File("secbot.db"), "--SecBot:Api:Keys:short-key:Name=deploy-pipeline", "--SecBot:Api:Keys:a-long-enough-key-without-name:Name="));

        Assert.Contains("the key of 'deploy-pipeline' must be at least 16 characters", failure.Message, StringComparison.Ordinal);
        Assert.Contains("needs a Name", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-key", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-long-enough-key-without-name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_AllowPrivateCallbacks_that_is_not_true_or_false_stops_start_up_naming_it()
    {
        using var dir = new TempDirectory();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(
            PolicyFile.WriteCopy(dir), dir.File("secbot.db"), GateApiClient.Settings("--SecBot:Api:AllowPrivateCallbacks=sometimes")));

        Assert.Contains("SecBot:Api:AllowPrivateCallbacks", failure.ToString(), StringComparison.Ordinal);
    }
}
