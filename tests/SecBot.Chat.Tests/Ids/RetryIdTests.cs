using SecBot.Chat.Ids;
using SecBot.Storage.Requeues;

namespace SecBot.Chat.Tests.Ids;

public class RetryIdTests
{
    [Theory]
    [InlineData("MSG-7", RequeueTarget.Message, 7)]
    [InlineData("msg-0042", RequeueTarget.Message, 42)]
    [InlineData("TMR-3", RequeueTarget.Timer, 3)]
    [InlineData("tmr-99999999999", RequeueTarget.Timer, 99999999999)]
    public void Retry_ids_parse_case_insensitively_and_take_64_bit_row_numbers(string text, RequeueTarget target, long number)
    {
        Assert.True(RetryId.TryParse(text, out var id));
        Assert.Equal((target, number), (id.Target, id.Number));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("MSG-0")]
    [InlineData("MSG-")]
    [InlineData("TMR-x")]
    [InlineData("TMR--3")]
    [InlineData("INC-7")]
    [InlineData("REV-7")]
    [InlineData("MESSAGE-7")]
    public void Anything_else_is_not_a_retry_id(string? text) =>
        Assert.False(RetryId.TryParse(text, out _));

    [Fact]
    public void A_retry_id_prints_as_status_shows_it() =>
        Assert.Equal(("MSG-7", "TMR-12"), (RetryId.Parse("msg-7").ToString(), RetryId.Timer(12).ToString()));
}
