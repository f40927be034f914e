using SecBot.Chat.Ids;

namespace SecBot.Chat.Tests.Ids;

public class GateIdTests
{
    [Theory]
    [InlineData("REV-7", 7)]
    [InlineData("rev-7", 7)]
    [InlineData("Rev-0042", 42)]
    public void Gate_ids_parse_case_insensitively(string text, int number)
    {
        Assert.True(GateId.TryParse(text, out var id));
        Assert.Equal(number, id.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("REV-0")]
    [InlineData("REV-")]
    [InlineData("REV-x")]
    [InlineData("REV-99999999999")]
    [InlineData("INC-7")]
    [InlineData("REVIEW-7")]
    public void Anything_else_is_not_a_gate_id(string? text) =>
        Assert.False(GateId.TryParse(text, out _));

    [Fact]
    public void A_gate_id_prints_in_canonical_upper_case() =>
        Assert.Equal("REV-7", GateId.Parse("rev-7").ToString());

    [Fact]
    public void A_gate_number_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GateId(-1));
}
