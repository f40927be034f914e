using SecBot.Chat.Commands;
using SecBot.Chat.Ids;
using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class OnCallAndCoverParsingTests
{
    private static readonly StatedTime NineLocal = new(new DateTime(2026, 11, 24, 9, 0, 0), null);
    private static readonly StatedTime FiveLocal = new(new DateTime(2026, 11, 24, 17, 0, 0), null);

    [Theory]
    [InlineData("oncall", null)]
    [InlineData("on-call", null)]
    [InlineData("oncall SocEngineer", "SocEngineer")]
    [InlineData("ONCALL socengineer", "SocEngineer")]
    [InlineData("oncall SOC Engineer", "SocEngineer")]
    [InlineData("oncall \"Senior SOC   Engineer\"", "SeniorSocEngineer")]
    public void Oncall_reads_an_optional_role_by_id_or_name(string text, string? role) =>
        Assert.Equal(new OnCallCommand(role), Parser.Parse(text));

    [Fact]
    public void An_unknown_role_names_it_and_lists_the_valid_ones()
    {
        var error = ExpectError("oncall Janitor");
        Assert.Contains("'Janitor'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("SocEngineer (SOC Engineer)", error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(CommandWords.OnCall), error.Usage);
    }

    public static TheoryData<string, CoverCommand> CoverForms => new()
    {
        { "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00", new("SocEngineer", NineLocal, FiveLocal, null) },
        { "cover socengineer 2026-11-24t09:00 2026-11-24T17:00:00", new("SocEngineer", NineLocal, FiveLocal, null) },
        { "cover \"SOC Engineer\" \"2026-11-24 09:00\" 2026-11-24T17:00", new("SocEngineer", NineLocal, FiveLocal, null) },
        {
            "cover SocEngineer 2026-11-24T09:00+01:00 2026-11-24T17:00Z",
            new("SocEngineer", new(new DateTime(2026, 11, 24, 9, 0, 0), TimeSpan.FromHours(1)), new(new DateTime(2026, 11, 24, 17, 0, 0), TimeSpan.Zero), null)
        },
        { "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 <@U0MAYA0001>", new("SocEngineer", NineLocal, FiveLocal, new SlackUserReference("U0MAYA0001")) },
        { "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 <@U0MAYA0001|maya>", new("SocEngineer", NineLocal, FiveLocal, new SlackUserReference("U0MAYA0001")) },
        { "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 @maya", new("SocEngineer", NineLocal, FiveLocal, new PersonNameReference("maya")) },
        { "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 maya", new("SocEngineer", NineLocal, FiveLocal, new PersonNameReference("maya")) },
        { "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 \"@Maya Chen\"", new("SocEngineer", NineLocal, FiveLocal, new PersonNameReference("Maya Chen")) },
        { "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 <at>Maya Chen</at>", new("SocEngineer", NineLocal, FiveLocal, new TeamsMentionReference("Maya Chen")) },
    };

    [Theory]
    [MemberData(nameof(CoverForms))]
    public void Cover_reads_role_times_and_an_optional_person(string text, CoverCommand expected) =>
        Assert.Equal(expected, Parser.Parse(text));

    [Fact]
    public void Cover_times_without_an_offset_stay_wall_clock_times_for_the_engine_to_place()
    {
        var cover = Assert.IsType<CoverCommand>(Parser.Parse("cover SocEngineer 2026-03-29T01:30 2026-03-29T03:00"));
        Assert.False(cover.From.HasOffset);
        Assert.Null(cover.From.Instant);
    }

    [Fact]
    public void Cover_may_mix_a_local_start_with_an_offset_end_because_only_the_engine_can_compare_them() =>
        Assert.IsType<CoverCommand>(Parser.Parse("cover SocEngineer 2026-11-24T18:00 2026-11-24T17:00+05:00"));

    [Fact]
    public void Cover_compares_offset_times_as_instants()
    {
        // 09:00+01:00 is 08:00Z, so an end at 08:30Z is after it even though its wall clock is earlier.
        Assert.IsType<CoverCommand>(Parser.Parse("cover SocEngineer 2026-11-24T09:00+01:00 2026-11-24T08:30Z"));
    }

    [Theory]
    [InlineData("cover", "needs a role, a start time and an end time")]
    [InlineData("cover SocEngineer 2026-11-24T09:00", "needs a role, a start time and an end time")]
    [InlineData("cover Janitor 2026-11-24T09:00 2026-11-24T17:00", "Unknown role 'Janitor'")]
    [InlineData("cover SocEngineer tomorrow 2026-11-24T17:00", "'tomorrow' is not a time")]
    [InlineData("cover SocEngineer 2026-11-24T09:00 2026-13-24T17:00", "'2026-13-24T17:00' is not a time")]
    [InlineData("cover SocEngineer 2026-11-24T09:00Z 2026-11-24T10:00+01:00", "the end must come after the start")]
    [InlineData("cover SocEngineer 2026-11-24T17:00+01:00 2026-11-24T09:00+01:00", "the end must come after the start")]
    [InlineData("cover SocEngineer 2026-11-24T17:00 2026-11-24T09:00", "the end must come after the start")]
    [InlineData("cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 <!channel>", "'<!channel>' is not a person")]
    [InlineData("cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 @Maya Chen", "'Chen' is extra")]
    public void Cover_mistakes_say_what_is_wrong(string text, string problem)
    {
        var error = ExpectError(text);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(CommandWords.Cover), error.Usage);
    }

    [Theory]
    [InlineData("cover list", null)]
    [InlineData("cover LIST", null)]
    [InlineData("cover list SocEngineer", "SocEngineer")]
    [InlineData("cover list SOC Engineer", "SocEngineer")]
    [InlineData("cover list \"Security Operations Manager\"", "SecOpsManager")]
    public void Cover_list_reads_an_optional_role(string text, string? role) =>
        Assert.Equal(new CoverListCommand(role), Parser.Parse(text));

    [Theory]
    [InlineData("cover cancel COV-3", 3)]
    [InlineData("cover Cancel cov-12", 12)]
    public void Cover_cancel_reads_a_cover_id(string text, int number) =>
        Assert.Equal(new CoverCancelCommand(new CoverId(number)), Parser.Parse(text));

    [Theory]
    [InlineData("cover cancel", "cover cancel needs the id of the cover, such as COV-3")]
    [InlineData("cover cancel 3", "'3' is not a cover id; ids look like COV-3")]
    [InlineData("cover cancel REV-3", "'REV-3' is not a cover id")]
    [InlineData("cover cancel COV-3 now", "'now' is extra")]
    [InlineData("cover list Janitor", "Unknown role 'Janitor'")]
    public void Cover_list_and_cancel_mistakes_say_what_is_wrong(string text, string problem)
    {
        var error = ExpectError(text);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(CommandWords.Cover), error.Usage);
    }

    [Fact]
    public void A_role_named_like_a_sub_command_is_still_covered()
    {
        var parser = new CommandParser(new CommandVocabulary([], [], [], [new("List")]));
        var cover = Assert.IsType<CoverCommand>(parser.Parse("cover list 2026-11-24T09:00 2026-11-24T17:00"));
        Assert.Equal("List", cover.Role);
    }

    [Fact]
    public void Help_for_cover_shows_list_and_cancel() =>
        Assert.StartsWith("cover <role> <from> <to> [@person] | cover list [role] | cover cancel COV-n — ", UsageOf(CommandWords.Cover), StringComparison.Ordinal);
}
