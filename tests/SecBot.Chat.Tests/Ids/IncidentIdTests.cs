using SecBot.Chat.Ids;

namespace SecBot.Chat.Tests.Ids;

public class IncidentIdTests
{
    [Theory]
    [InlineData("INC-12", 12)]
    [InlineData("inc-12", 12)]
    [InlineData("Inc-1", 1)]
    [InlineData("  INC-7  ", 7)]
    [InlineData("INC-007", 7)]
    [InlineData("INC-2147483647", int.MaxValue)]
    public void Incident_ids_parse_case_insensitively(string text, int number)
    {
        Assert.True(IncidentId.TryParse(text, out var id));
        Assert.Equal(number, id.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INC")]
    [InlineData("INC-")]
    [InlineData("INC-0")]
    [InlineData("INC--5")]
    [InlineData("INC-+5")]
    [InlineData("INC- 5")]
    [InlineData("INC-5.0")]
    [InlineData("INC-1,000")]
    [InlineData("INC-2147483648")]
    [InlineData("INC-\u0665")]
    [InlineData("INC12")]
    [InlineData("REV-12")]
    [InlineData("INCIDENT-12")]
    public void Anything_else_is_not_an_incident_id(string? text) =>
        Assert.False(IncidentId.TryParse(text, out _));

    [Fact]
    public void An_incident_id_prints_in_canonical_upper_case() =>
        Assert.Equal("INC-7", IncidentId.Parse("inc-007").ToString());

    [Fact]
    public void Incident_ids_with_the_same_number_are_equal() =>
        Assert.Equal(new IncidentId(3), IncidentId.Parse("inc-3"));

    [Fact]
    public void An_incident_number_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IncidentId(0));

    [Fact]
    public void Parse_refuses_a_malformed_id_with_a_format_exception_that_shows_the_shape() =>
        Assert.Contains("INC-12", Assert.Throws<FormatException>(() => IncidentId.Parse("INC-x")).Message, StringComparison.Ordinal);

    [Fact]
    public void Incident_ids_work_wherever_IParsable_is_expected() =>
        Assert.Equal(new IncidentId(5), ParseAny<IncidentId>("INC-5"));

    private static T ParseAny<T>(string text) where T : IParsable<T> => T.Parse(text, provider: null);
}
