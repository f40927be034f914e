namespace SecBot.Storage.Tests.Store;

public sealed class TimersChangedEventArgsTests
{
    private static readonly DateTimeOffset Planned = new(2026, 3, 2, 9, 7, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(60, false)]
    public void A_clock_that_will_look_anyway_needs_waking_only_for_a_timer_due_before_then(int secondsAfterPlanned, bool wake) =>
        Assert.Equal(wake, new TimersChangedEventArgs(Planned.AddSeconds(secondsAfterPlanned)).IsEarlierThan(Planned));

    [Fact]
    public void A_clock_waiting_to_be_woken_or_an_unknown_schedule_always_wakes()
    {
        Assert.True(new TimersChangedEventArgs(Planned.AddDays(30)).IsEarlierThan(null));
        Assert.True(TimersChangedEventArgs.Unknown.IsEarlierThan(Planned));
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("99999999999999999999")]
    public void A_replica_notice_this_build_did_not_write_means_look_now(string payload) => Assert.Null(TimerNotice.Read(payload));

    [Fact]
    public void A_replica_notice_carries_the_due_time_to_the_millisecond() =>
        Assert.Equal(Planned.AddMilliseconds(123), TimerNotice.Read(TimerNotice.Write(Planned.AddMilliseconds(123))));
}
