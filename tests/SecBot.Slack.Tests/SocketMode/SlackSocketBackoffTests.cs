using SecBot.Slack.SocketMode;

namespace SecBot.Slack.Tests.SocketMode;

public sealed class SlackSocketBackoffTests
{
    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 1.0, 1000)]
    [InlineData(2, 1.0, 2000)]
    [InlineData(3, 0.5, 3000)]
    [InlineData(6, 1.0, 30000)]
    [InlineData(50, 0.0, 15000)]
    public void Doubles_from_a_second_up_to_thirty_scaled_by_half_to_whole_jitter(int failures, double jitter, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), SlackSocketBackoff.Delay(failures, jitter));
    }

    [Fact]
    public void No_failure_waits_for_nothing()
    {
        Assert.Equal(TimeSpan.Zero, SlackSocketBackoff.Delay(0, 1.0));
    }
}
