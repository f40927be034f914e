using SecBot.Chat.Cards;
using SecBot.Slack.BlockKit;
using SecBot.Slack.Rendering;

namespace SecBot.Slack.Tests.Rendering;

public sealed class CardRendererTests
{
    private readonly CardRenderer _renderer = new(personId => personId == "maya" ? "U0MAYA0001" : null);

    private static Card Incident => new()
    {
        Title = "INC-12: Suspicious login",
        Text = "You are paged at L1.",
        Facts = [new("State", "open"), new("Level", "L1")],
        Buttons =
        [
            new CardButton("Acknowledge", ActionIds.Acknowledge, "INC-12", ButtonStyle.Primary),
            new CardButton("Resolve", ActionIds.Resolve, "INC-12", ButtonStyle.Danger) { Asks = [new CardInput("summary", "Summary", CardInputKind.MultilineText, Required: true)] },
        ],
        Context = "Declared by Maya Chen",
        Tone = CardTone.Attention,
    };

    [Fact]
    public void An_incident_card_renders_header_text_facts_buttons_and_context()
    {
        var content = _renderer.Render(Incident);

        Assert.Collection(
            content.Blocks,
            b => Assert.Contains("INC-12: Suspicious login", Assert.IsType<HeaderBlock>(b).Text.Text, StringComparison.Ordinal),
            b => Assert.Equal("You are paged at L1.", Assert.IsType<SectionBlock>(b).Text!.Text),
            b => Assert.Equal(2, Assert.IsType<SectionBlock>(b).Fields!.Count),
            b => Assert.Equal(2, Assert.IsType<ActionsBlock>(b).Elements.Count),
            b => Assert.IsType<ContextBlock>(b));
        Assert.Contains("INC-12", content.Text, StringComparison.Ordinal);
        BlockKitLimitCheck.Message(content);
    }

    [Fact]
    public void Button_styles_and_values_carry_over_and_a_button_with_inputs_carries_its_form()
    {
        var buttons = _renderer.Render(Incident).Blocks.OfType<ActionsBlock>().Single().Elements.Cast<ButtonElement>().ToList();

        Assert.Equal(("incident.ack", "INC-12", "primary"), (buttons[0].ActionId, buttons[0].Value, buttons[0].Style));
        Assert.Equal("danger", buttons[1].Style);
        var form = ButtonCodec.DecodeValue(buttons[1].Value);
        Assert.Equal("INC-12", form!.Value);
        Assert.Equal("summary", Assert.Single(form.Asks).Id);
    }

    [Fact]
    public void Mentions_become_slack_user_mentions_in_blocks_and_in_the_notification_text()
    {
        var content = _renderer.Render(Incident with { Mentions = ["maya", "unknown-person"] });

        Assert.Contains(content.Blocks.OfType<SectionBlock>(), s => s.Text?.Text.Contains("<@U0MAYA0001>", StringComparison.Ordinal) == true);
        Assert.Contains("<@U0MAYA0001>", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void User_text_is_escaped_so_it_cannot_become_markup()
    {
        var content = _renderer.Render(Incident with { Text = "<!channel> & <@U123|x>" });

        Assert.Equal("&lt;!channel&gt; &amp; &lt;@U123|x&gt;", content.Blocks.OfType<SectionBlock>().First().Text!.Text);
    }

    [Fact]
    public void Over_long_texts_are_cut_visibly_within_each_limit()
    {
        var card = Incident with
        {
            Title = new string('T', 500),
            Text = new string('x', 10_000),
            Facts = [new("Summary", new string('s', 5000))],
            Buttons = [new CardButton(new string('B', 200), ActionIds.Acknowledge, "INC-12")],
            Context = new string('c', 5000),
        };

        var content = _renderer.Render(card);

        BlockKitLimitCheck.Message(content);
        var header = content.Blocks.OfType<HeaderBlock>().Single().Text.Text;
        Assert.Equal(150, header.Length);
        Assert.EndsWith("…", header, StringComparison.Ordinal);
        Assert.EndsWith("…", content.Blocks.OfType<SectionBlock>().First().Text!.Text, StringComparison.Ordinal);
        Assert.EndsWith("…", ((ButtonElement)content.Blocks.OfType<ActionsBlock>().Single().Elements[0]).Text.Text, StringComparison.Ordinal);
        Assert.EndsWith("…", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaping_never_leaves_half_an_entity_at_the_cut()
    {
        var content = _renderer.Render(Incident with { Text = new string('&', 2000) });

        var text = content.Blocks.OfType<SectionBlock>().First().Text!.Text;
        Assert.True(text.Length <= 3000);
        Assert.EndsWith("&amp;…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hundreds_of_facts_fit_in_fifty_blocks_with_a_note_of_what_was_left_out()
    {
        var card = Incident with { Facts = Enumerable.Range(1, 1000).Select(i => new CardFact($"F{i}", "v")).ToList() };

        var content = _renderer.Render(card);

        BlockKitLimitCheck.Message(content);
        Assert.Equal(50, content.Blocks.Count);
        Assert.IsType<ActionsBlock>(content.Blocks[^2]);
        Assert.Contains("more facts not shown", Assert.IsType<ContextBlock>(content.Blocks[^1]).Elements[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_of_buttons_fit_with_unique_action_ids_per_block_and_a_note()
    {
        var card = Incident with { Buttons = Enumerable.Range(1, 2000).Select(i => new CardButton($"Ack {i}", ActionIds.Acknowledge, $"INC-{i}")).ToList() };

        var content = _renderer.Render(card);

        BlockKitLimitCheck.Message(content);
        Assert.Contains("more actions not shown", content.Blocks.OfType<ContextBlock>().Single().Elements[^1].Text, StringComparison.Ordinal);
        var ids = content.Blocks.OfType<ActionsBlock>().First().Elements.Select(e => e.ActionId).ToList();
        Assert.Equal("incident.ack", ids[0]);
        Assert.Equal("incident.ack#1", ids[1]);
        Assert.All(ids, id => Assert.Equal(ActionIds.Acknowledge, ButtonCodec.CardActionId(id)));
    }

    [Fact]
    public void A_button_whose_value_cannot_fit_is_left_out_visibly_rather_than_cut()
    {
        var card = Incident with { Buttons = [new CardButton("Huge", ActionIds.Acknowledge, new string('v', 2001)), new CardButton("Fine", ActionIds.Escalate, "INC-1")] };

        var content = _renderer.Render(card);

        var button = Assert.IsType<ButtonElement>(Assert.Single(content.Blocks.OfType<ActionsBlock>().Single().Elements));
        Assert.Equal("INC-1", button.Value);
        Assert.Contains("1 action could not be shown", content.Blocks.OfType<ContextBlock>().Single().Elements[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_with_only_a_title_is_a_valid_message()
    {
        var content = _renderer.Render(new Card { Title = "" });

        BlockKitLimitCheck.Message(content);
    }
}
