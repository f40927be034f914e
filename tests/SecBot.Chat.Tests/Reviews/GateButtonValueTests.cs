using SecBot.Chat.Reviews;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>Gate button values: the revision, and for a required reviewer's request the stage and the one seat it asked for.</summary>
public sealed class GateButtonValueTests
{
    [Theory]
    [InlineData("REV-7", 7L, null, null, null)]
    [InlineData("REV-7@2", 7L, 2, null, null)]
    [InlineData("REV-7@2/1", 7L, 2, 1, null)]
    [InlineData("rev-7@2/3/SecArch", 7L, 2, 3, "SecArch")]
    public void Values_old_and_new_parse(string text, long number, int? revision, int? stage, string? seat)
    {
        Assert.True(GateButtonValue.TryParse(text, out var value));
        Assert.Equal(new GateButtonValue(number, revision, stage, seat), value);
    }

    [Theory]
    [InlineData("REV-7@")]
    [InlineData("REV-7@0")]
    [InlineData("REV-7@2/")]
    [InlineData("REV-7@2/0")]
    [InlineData("REV-7@2/x")]
    [InlineData("REV-7@2/1/")]
    [InlineData("REV-7@2/1/SecArch/more")]
    [InlineData("INC-7@2")]
    public void Malformed_values_are_refused(string text) =>
        Assert.False(GateButtonValue.TryParse(text, out _));

    [Fact]
    public void A_request_for_several_seats_names_the_stage_only()
    {
        var gate = new Domain.Reviews.Gate
        {
            Number = 7, Type = "new-microservice", Title = "x", RequestedBy = "diego", RequestedAt = default, RequestedVia = "slack",
            State = Domain.Reviews.GateState.Open, Revision = 2, StageNumber = 2, StageOpenedAt = default,
        };

        Assert.Equal("REV-7@2/2", GateButtonValue.Format(gate, 2, ["SecArch", "IRLead"]));
        Assert.Equal("REV-7@2/2/IRLead", GateButtonValue.Format(gate, 2, ["IRLead"]));
    }
}
