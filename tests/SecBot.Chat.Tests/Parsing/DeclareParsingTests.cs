using SecBot.Chat.Commands;
using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class DeclareParsingTests
{
    public static TheoryData<string, DeclareCommand> ValidForms => new()
    {
        { "declare Phishing wave", new("Phishing wave", null, null) },
        { "declare Phishing wave level:L2", new("Phishing wave", "L2", null) },
        { "declare level:L2 Phishing wave", new("Phishing wave", "L2", null) },
        { "declare Phishing level:L2 wave", new("Phishing wave", "L2", null) },
        { "declare Phishing wave LEVEL:l2 TYPE:Customer", new("Phishing wave", "L2", "customer") },
        { "declare type:aws level:L1 Root login from new ASN", new("Root login from new ASN", "L1", "aws") },
        { "declare Ransomware note on file server level:exec", new("Ransomware note on file server", "Executive", null) },
        { "declare Ransomware level:Executive", new("Ransomware", "Executive", null) },
        { "declare DB down level: L3", new("DB down", "L3", null) },
        { "declare \"DB down\" level:L2 type:aws", new("DB down", "L2", "aws") },
        { "declare 'DB down' type:aws", new("DB down", null, "aws") },
        { "declare \u201CDB down\u201D level:L1", new("DB down", "L1", null) },
        { "declare \u2018DB down\u2019", new("DB down", null, null) },
        { "declare \u201EDB down\u201C", new("DB down", null, null) },
        { "declare \"level:L2 shows in the title\"", new("level:L2 shows in the title", null, null) },
        { "declare Can't reach Bob's VPN level:L2", new("Can't reach Bob's VPN", "L2", null) },
        { "declare Bob\u2019s laptop stolen", new("Bob\u2019s laptop stolen", null, null) },
        { "declare Phishing \"CEO\" mail", new("Phishing \"CEO\" mail", null, null) },
        { "declare Re: phishing from payroll", new("Re: phishing from payroll", null, null) },
        { "declare   spaced \n  out   ", new("spaced out", null, null) },
        { "DECLARE Shouted title", new("Shouted title", null, null) },
        { "Declare Mixed case", new("Mixed case", null, null) },
        { "declare DB &amp; API down", new("DB & API down", null, null) },
        { "declare Beacon to <http://evil.example|evil.example> level:L2", new("Beacon to evil.example", "L2", null) },
        { "declare Beacon to <https://evil.example/x>", new("Beacon to https://evil.example/x", null, null) },
        { "declare \U0001F525 prod is on fire \U0001F525", new("\U0001F525 prod is on fire \U0001F525", null, null) },
    };

    [Theory]
    [MemberData(nameof(ValidForms))]
    public void Declare_reads_title_level_and_type(string text, DeclareCommand expected) =>
        Assert.Equal(expected, Parser.Parse(text));

    [Theory]
    [InlineData("declare")]
    [InlineData("declare   ")]
    [InlineData("/secbot declare")]
    public void Declare_with_nothing_after_it_opens_the_form(string text) =>
        Assert.IsType<OpenDeclareFormCommand>(Parser.Parse(text));

    [Fact]
    public void Level_option_is_accepted_anywhere_in_the_title() =>
        Assert.Equal(new DeclareCommand("Suspicious OAuth grant", "L2", null), Parser.Parse("declare Suspicious level:L2 OAuth grant"));

    [Fact]
    public void A_level_alias_is_resolved_to_the_level_name() =>
        Assert.Equal("Executive", Assert.IsType<DeclareCommand>(Parser.Parse("declare Breach level:EXEC")).Level);

    [Fact]
    public void An_unknown_level_names_it_and_lists_the_valid_ones()
    {
        var error = ExpectError("declare DB down level:L9");
        Assert.Contains("'L9'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("L1, L2, L3, Executive (EXEC)", error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(CommandWords.Declare), error.Usage);
    }

    [Fact]
    public void An_unknown_type_names_it_lists_the_valid_ones_and_suggests_quoting()
    {
        var error = ExpectError("declare MIME type:text/html bypass");
        Assert.Contains("'text/html'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("general, customer, aws", error.Problem, StringComparison.Ordinal);
        Assert.Contains("quotes", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("declare level:L2", "title")]
    [InlineData("declare \"\" level:L2", "title")]
    [InlineData("declare DB down level:", "needs a value")]
    [InlineData("declare DB down level:L1 level:L2", "twice")]
    [InlineData("declare DB down type:aws TYPE:aws", "twice")]
    public void Declare_mistakes_say_what_is_wrong(string text, string problem)
    {
        var error = ExpectError(text);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(CommandWords.Declare), error.Usage);
    }

    [Fact]
    public void A_title_of_the_maximum_length_is_accepted()
    {
        var title = new string('x', CommandLimits.TitleMaxLength);
        Assert.Equal(title, Assert.IsType<DeclareCommand>(Parser.Parse($"declare {title}")).Title);
    }

    [Fact]
    public void A_title_over_the_limit_is_refused_with_the_limit()
    {
        var error = ExpectError($"declare {new string('x', CommandLimits.TitleMaxLength + 1)}");
        Assert.Contains("301", error.Problem, StringComparison.Ordinal);
        Assert.Contains("limit is 300", error.Problem, StringComparison.Ordinal);
    }
}
