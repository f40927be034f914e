using SecBot.Host.WebConsole;

namespace SecBot.Host.Tests.WebConsole;

public sealed class NumbersTextTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(4.5, "4.5 s")]
    [InlineData(60, "1 min")]
    [InlineData(150, "2 min 30 s")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(93600, "1 d 2 h")]
    [InlineData(-5, "0 s")]
    public void A_mean_is_written_in_its_two_largest_units(double seconds, string expected) =>
        Assert.Equal(expected, NumbersText.Duration(TimeSpan.FromSeconds(seconds)));
}
