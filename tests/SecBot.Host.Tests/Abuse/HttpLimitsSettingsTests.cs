using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SecBot.Chat.Inbound;
using SecBot.Host.Configuration;

namespace SecBot.Host.Tests.Abuse;

/// <summary><c>SecBot:Http</c> reaches Kestrel as set, and a value that would disarm a limit stops the start naming its key.</summary>
public sealed class HttpLimitsSettingsTests
{
    [Fact]
    public async Task The_settings_become_kestrels_limits_and_bodies_are_capped_at_1_MiB()
    {
        using var dir = new TempDirectory();
        await using var app = await SecBotApp.CreateAsync(
            [
                "--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}",
                "--SecBot:Http:RequestHeadersTimeout=7s", "--SecBot:Http:KeepAliveTimeout=1m", "--SecBot:Http:MinRequestBodyBytesPerSecond=2048",
                "--SecBot:Http:MinDataRateGracePeriod=3s", "--SecBot:Http:MaxRequestHeaderCount=40",
            ],
            PolicyFile.WriteCopy(dir));

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(BoundedBody.MaxBytes, limits.MaxRequestBodySize);
        Assert.Equal(TimeSpan.FromSeconds(7), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), limits.KeepAliveTimeout);
        Assert.Equal((2048d, TimeSpan.FromSeconds(3)), (limits.MinRequestBodyDataRate!.BytesPerSecond, limits.MinRequestBodyDataRate.GracePeriod));
        Assert.Equal((240d, TimeSpan.FromSeconds(3)), (limits.MinResponseDataRate!.BytesPerSecond, limits.MinResponseDataRate.GracePeriod));
        Assert.Equal(40, limits.MaxRequestHeaderCount);
        Assert.Equal(32 * 1024, limits.MaxRequestHeadersTotalSize);
    }

    [Fact]
    public async Task A_limit_set_out_of_range_stops_the_start_naming_its_key()
    {
        using var dir = new TempDirectory();

        var failure = await Assert.ThrowsAsync<StartupConfigurationException>(() => SecBotApp.CreateAsync(
            [
                "--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}",
                "--SecBot:Http:RequestHeadersTimeout=0s", "--SecBot:Http:MinDataRateGracePeriod=1s", "--SecBot:Http:MaxRequestHeaderCount=5",
            ],
            PolicyFile.WriteCopy(dir)));

        Assert.Contains("SecBot:Http:RequestHeadersTimeout must be between", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SecBot:Http:MinDataRateGracePeriod must be between", failure.Message, StringComparison.Ordinal);
        Assert.Contains("SecBot:Http:MaxRequestHeaderCount must be between 16 and 1000", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("secbot.db")));
    }
}
