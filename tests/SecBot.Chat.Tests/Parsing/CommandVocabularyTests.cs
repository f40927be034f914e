using SecBot.Chat.Commands;
using SecBot.Chat.Parsing;
using SecBot.Domain.Policy;

namespace SecBot.Chat.Tests.Parsing;

public class CommandVocabularyTests
{
    [Fact]
    public void The_vocabulary_comes_from_the_policy()
    {
        var policy = new PolicyOptions
        {
            Escalation = new EscalationOptions
            {
                Levels = [new LevelOptions { Name = "L1" }, new LevelOptions { Name = "Executive", Aliases = ["EXEC"] }],
                IncidentTypes = [new IncidentTypeOptions { Id = "aws", Name = "AWS anomaly" }],
            },
            Reviews = new ReviewOptions
            {
                Seats = [new SeatOptions { Id = "IRLead", Name = "Incident Response Lead", Roles = ["IncidentResponseLead"] }],
                GateTypes = [new GateTypeOptions { Id = "threat-model", Name = "Threat model" }],
            },
            Roster = new RosterOptions { Roles = [new RoleOptions { Id = "SocEngineer", Name = "SOC Engineer" }] },
        };

        var vocabulary = CommandVocabulary.FromPolicy(policy);

        Assert.True(vocabulary.Levels.TryResolve("exec", out var level));
        Assert.Equal("Executive", level);
        Assert.True(vocabulary.IncidentTypes.TryResolve("AWS", out var type));
        Assert.Equal("aws", type);
        Assert.True(vocabulary.GateTypes.TryResolve("Threat-Model", out var gate));
        Assert.Equal("threat-model", gate);
        Assert.True(vocabulary.Roles.TryResolve("soc engineer", out var role));
        Assert.Equal("SocEngineer", role);
        Assert.True(vocabulary.Seats.TryResolve("irlead", out var seat));
        Assert.Equal("IRLead", seat);
    }

    [Fact]
    public void Another_organization_s_levels_replace_ours_without_code_changes()
    {
        var parser = new CommandParser(new CommandVocabulary(
            levels: [new("SEV1"), new("SEV2")], incidentTypes: [new("fraud")], gateTypes: [], roles: []));

        Assert.Equal(new DeclareCommand("Card testing", "SEV1", "fraud"), parser.Parse("declare Card testing level:sev1 type:FRAUD"));
        Assert.Contains("SEV1, SEV2", Assert.IsType<ParseError>(parser.Parse("declare Card testing level:L1")).Problem, StringComparison.Ordinal);
        Assert.StartsWith("declare <title> [level:SEV1|SEV2] [type:fraud]", parser.Usage.For(CommandWords.Declare).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_spelling_for_two_terms_is_refused_naming_both()
    {
        var problem = Assert.Throws<ArgumentException>(() => new VocabularyTermSet([new("L3", ["TOP"]), new("Executive", ["top"])]));
        Assert.Contains("'L3'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'Executive'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_term_may_list_its_own_name_as_an_alias() =>
        Assert.Single(new VocabularyTermSet([new("L1", ["l1", "L1"])]).Spellings);

    [Fact]
    public void Blank_names_and_aliases_are_ignored()
    {
        var terms = new VocabularyTermSet([new(" "), new("L1", ["", "  "])]);
        Assert.Equal(["L1"], terms.Spellings);
        Assert.False(terms.TryResolve("", out _));
    }

    [Fact]
    public void An_empty_vocabulary_says_nothing_is_configured() =>
        Assert.Equal("none are configured", new VocabularyTermSet([]).Describe());
}
