using SecBot.Chat.Conversation;

namespace SecBot.Chat.Tests.Conversation;

/// <summary>A submitted form becomes the command it stands for, the same for every platform that shows it.</summary>
public sealed class FormCommandsTests
{
    [Fact]
    public void A_declare_form_becomes_declare_with_its_title_quoted_and_only_the_options_given()
    {
        var values = new Dictionary<string, string> { ["title"] = " level:L3 outage\non vpn ", ["level"] = "L2 extra", ["type"] = " " };

        Assert.Equal("declare \"level:L3 outage on vpn\" level:L2", FormCommands.CommandText(DeclareForm.Kind, values));
    }

    [Fact]
    public void A_title_with_straight_quotes_is_kept_whole_in_guillemets()
    {
        var values = new Dictionary<string, string> { ["title"] = "the \"admin\" login" };

        Assert.Equal("declare \u00ABthe \"admin\" login\u00BB", FormCommands.CommandText(DeclareForm.Kind, values));
    }

    [Fact]
    public void An_unknown_form_stands_for_no_command()
    {
        Assert.Null(FormCommands.CommandText("survey", new Dictionary<string, string>()));
    }
}
