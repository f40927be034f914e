using SecBot.Host.Configuration;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Tests.Delivery;

/// <summary><c>SecBot:Delivery:ClaimLease</c>: how long a replica holds the messages it is sending, and so how late another takes them over.</summary>
public sealed class DeliveryClaimLeaseTests
{
    [Fact]
    public async Task The_claim_lease_is_the_setting_and_defaults_to_the_contracts_30_seconds()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir);

        await using (var byDefault = await RunningHost.StartAsync(settings, dir.File("default.db")))
            Assert.Equal(TimeSpan.FromSeconds(30), byDefault.App.Services.GetRequiredService<OutboxRepository>().ClaimLease);
        await using var configured = await RunningHost.StartAsync(settings, dir.File("configured.db"), "--SecBot:Delivery:ClaimLease=10s");
        Assert.Equal(TimeSpan.FromSeconds(10), configured.App.Services.GetRequiredService<OutboxRepository>().ClaimLease);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("2h")]
    public async Task A_claim_lease_out_of_range_stops_the_host_and_names_its_key(string value)
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings, dir.File("secbot.db"), $"--SecBot:Delivery:ClaimLease={value}"));

        Assert.Contains("SecBot:Delivery:ClaimLease must be between 00:00:02 and 01:00:00", StartupFailure.Describe(failure), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")), "nothing is written when the configuration is invalid");
    }
}
