using Microsoft.Extensions.Options;
using SecBot.Chat.Incidents;
using SecBot.Host.Configuration;
using SecBot.Host.Delivery;

namespace SecBot.Host.Tests.Configuration;

/// <summary><c>SecBot:Delivery:PageStorm</c> and <c>SecBot:Limits:Declares</c>: bound with their defaults, read in units like every duration, checked at start.</summary>
public sealed class StormAndDeclareLimitSettingsTests
{
    [Fact]
    public async Task The_defaults_are_5_pages_in_10_minutes_and_5_declares_a_minute_and_settings_in_units_replace_them()
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir);

        await using (var byDefault = await RunningHost.StartAsync(settings, dir.File("default.db")))
        {
            var storm = byDefault.App.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.PageStorm;
            var declares = byDefault.App.Services.GetRequiredService<IOptions<DeclareLimitOptions>>().Value;
            Assert.Equal((5, TimeSpan.FromMinutes(10)), (storm.Pages, storm.Window));
            Assert.Equal((5, TimeSpan.FromMinutes(1)), (declares.PerPerson, declares.Window));
        }

        await using var configured = await RunningHost.StartAsync(
            settings, dir.File("configured.db"),
            "--SecBot:Delivery:PageStorm:Pages=3", "--SecBot:Delivery:PageStorm:Window=30m", "--SecBot:Limits:Declares:PerPerson=2", "--SecBot:Limits:Declares:Window=90s");
        var configuredStorm = configured.App.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.PageStorm;
        var configuredDeclares = configured.App.Services.GetRequiredService<IOptions<DeclareLimitOptions>>().Value;
        Assert.Equal((3, TimeSpan.FromMinutes(30)), (configuredStorm.Pages, configuredStorm.Window));
        Assert.Equal((2, TimeSpan.FromSeconds(90)), (configuredDeclares.PerPerson, configuredDeclares.Window));
    }

    [Theory]
    [InlineData("--SecBot:Delivery:PageStorm:Pages=0", "SecBot:Delivery:PageStorm:Pages must be 1 or more")]
    [InlineData("--SecBot:Delivery:PageStorm:Window=30s", "SecBot:Delivery:PageStorm:Window must be between 00:01:00 and 1.00:00:00")]
    [InlineData("--SecBot:Limits:Declares:PerPerson=0", "SecBot:Limits:Declares:PerPerson must be 1 or more")]
    [InlineData("--SecBot:Limits:Declares:Window=2h", "SecBot:Limits:Declares:Window must be between 00:00:01 and 01:00:00")]
    [InlineData("--SecBot:Limits:Declares:Window=10", "SecBot:Limits:Declares:Window")]
    public async Task A_value_out_of_range_stops_the_host_and_names_its_key(string argument, string expected)
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings, dir.File("secbot.db"), argument));

        Assert.Contains(expected, StartupFailure.Describe(failure), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")), "nothing is written when the configuration is invalid");
    }
}
