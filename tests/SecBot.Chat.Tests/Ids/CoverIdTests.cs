using SecBot.Chat.Ids;

namespace SecBot.Chat.Tests.Ids;

public class CoverIdTests
{
    [Theory]
    [InlineData("COV-7", 7)]
    [InlineData("cov-7", 7)]
    [InlineData("Cov-0042", 42)]
    public void Cover_ids_parse_case_insensitively(string text, int number)
    {
        Assert.True(CoverId.TryParse(text, out var id));
        Assert.Equal(number, id.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("COV-0")]
    [InlineData("COV-")]
    [InlineData("COV-x")]
    [InlineData("COV-99999999999")]
    [InlineData("INC-7")]
    [InlineData("COVER-7")]
    public void Anything_else_is_not_a_cover_id(string? text) =>
        Assert.False(CoverId.TryParse(text, out _));

    [Fact]
    public void A_cover_id_prints_in_canonical_upper_case() =>
        Assert.Equal("COV-7", CoverId.Parse("cov-7").ToString());

    [Fact]
    public void A_cover_number_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoverId(-1));
}
