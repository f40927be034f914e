using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Parsing;
using SecBot.Domain.Tests.Policy;
using SecBot.Teams.Cards;
using SecBot.Teams.Tests.Support;

namespace SecBot.Teams.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static readonly CardInput Reason = new(ActionIds.Inputs.Reason, "Reason", CardInputKind.MultilineText, Required: true) { MaxLength = 500, Placeholder = "Why?" };

    private readonly AdaptiveCardRenderer _renderer = new(personId => personId switch
    {
        "maya" => new TeamsMentionTarget("0a1b2c3d-maya", "Maya Chen"),
        "sam" => new TeamsMentionTarget(null, "Sam Okafor"),
        _ => null,
    });

    private static Card Incident => new()
    {
        Title = "INC-12: Suspicious login",
        Text = "You are paged at L1.\nAcknowledge within 15 minutes.",
        Facts = [new("State", "open"), new("Level", "L1")],
        Buttons =
        [
            new CardButton("Acknowledge", ActionIds.Acknowledge, "INC-12", ButtonStyle.Primary),
            new CardButton("Escalate", ActionIds.Escalate, "INC-12@L1") { Asks = [Reason] },
            new CardButton("Resolve", ActionIds.Resolve, "INC-12", ButtonStyle.Danger) { Asks = [Reason with { Id = ActionIds.Inputs.Summary, Label = "Summary" }], FormTitle = "Resolve INC-12" },
        ],
        Context = "Declared by Maya Chen",
        Tone = CardTone.Attention,
    };

    [Fact]
    public void An_incident_card_is_an_adaptive_card_1_5_with_title_text_facts_context_and_tone()
    {
        var card = _renderer.Render(Incident);

        Assert.Equal(AdaptiveCardRenderer.Schema, card["$schema"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var body = card["body"]!.AsArray();
        var header = body[0]!;
        Assert.Equal(("Container", "attention"), (header["type"]!.GetValue<string>(), header["style"]!.GetValue<string>()));
        Assert.Equal("INC-12: Suspicious login", header["items"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("You are paged at L1.\n\nAcknowledge within 15 minutes.", body[1]!["text"]!.GetValue<string>());
        var facts = body[2]!["facts"]!.AsArray();
        Assert.Equal("FactSet", body[2]!["type"]!.GetValue<string>());
        Assert.Equal([("State", "open"), ("Level", "L1")], facts.Select(f => (f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>())));
        var context = body[3]!;
        Assert.Equal(("Declared by Maya Chen", true, "Small"), (context["text"]!.GetValue<string>(), context["isSubtle"]!.GetValue<bool>(), context["size"]!.GetValue<string>()));
        Assert.Equal(4, body.Count);
    }

    [Fact]
    public void A_neutral_card_has_no_tone_container()
    {
        var body = _renderer.Render(Incident with { Tone = CardTone.Neutral })["body"]!.AsArray();

        Assert.Equal("TextBlock", body[0]!["type"]!.GetValue<string>());
        Assert.Equal("Bolder", body[0]!["weight"]!.GetValue<string>());
    }

    [Fact]
    public void Buttons_are_executes_and_a_button_that_asks_is_a_show_card_with_its_inputs_and_a_submit_carrying_the_same_data()
    {
        var actions = _renderer.Render(Incident)["actions"]!.AsArray();

        var ack = actions[0]!;
        Assert.Equal(("Action.Execute", "Acknowledge", "incident.ack", "positive", "Action.Submit"),
            (ack["type"]!.GetValue<string>(), ack["title"]!.GetValue<string>(), ack["verb"]!.GetValue<string>(), ack["style"]!.GetValue<string>(), ack["fallback"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["secbot"] = "incident.ack", ["value"] = "INC-12" }, ack["data"]));

        var resolve = actions[2]!;
        Assert.Equal(("Action.ShowCard", "destructive"), (resolve["type"]!.GetValue<string>(), resolve["style"]!.GetValue<string>()));
        var shown = resolve["card"]!;
        Assert.Equal("Resolve INC-12", shown["body"]![0]!["text"]!.GetValue<string>());
        var input = shown["body"]![1]!;
        Assert.Equal(("Input.Text", "b2.summary", true, 500, "Why?", true, "Summary is required."),
            (input["type"]!.GetValue<string>(), input["id"]!.GetValue<string>(), input["isMultiline"]!.GetValue<bool>(), input["maxLength"]!.GetValue<int>(),
             input["placeholder"]!.GetValue<string>(), input["isRequired"]!.GetValue<bool>(), input["errorMessage"]!.GetValue<string>()));
        var submit = Assert.Single(shown["actions"]!.AsArray())!;
        Assert.Equal(("Action.Execute", "Resolve", "incident.resolve"), (submit["type"]!.GetValue<string>(), submit["title"]!.GetValue<string>(), submit["verb"]!.GetValue<string>()));
        Assert.Equal(("incident.resolve", "INC-12", "b2"), (submit["data"]!["secbot"]!.GetValue<string>(), submit["data"]!["value"]!.GetValue<string>(), submit["data"]!["ns"]!.GetValue<string>()));
    }

    [Fact]
    public void Two_buttons_asking_for_the_same_input_never_share_an_input_id_on_one_card()
    {
        var card = Incident with
        {
            Buttons = [new CardButton("Reject", ActionIds.Reject, "REV-1@1") { Asks = [Reason] }, new CardButton("Object", ActionIds.Object, "REV-1@1") { Asks = [Reason] }],
        };

        var ids = InputIds(_renderer.Render(card));

        Assert.Equal(["b0.reason", "b1.reason"], ids);
    }

    [Fact]
    public void A_checklist_is_one_toggle_per_option_and_the_ticked_ones_come_back_as_the_options_texts()
    {
        var attest = new CardInput(ActionIds.Inputs.Checklist, "I attest", CardInputKind.Checkboxes, Required: true) { Options = ["Tests pass", "Rollback, planned", "Owner told"] };
        var approve = new CardButton("Approve", ActionIds.Approve, "REV-7@2/1") { Asks = [attest, new CardInput(ActionIds.Inputs.Comment, "Comment", CardInputKind.MultilineText, Required: false)] };
        var card = Incident with { Buttons = [approve] };
        var rendered = _renderer.Render(card);

        var toggles = rendered["actions"]![0]!["card"]!["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "Input.Toggle").ToList();
        Assert.Equal(["b0.checklist.0", "b0.checklist.1", "b0.checklist.2"], toggles.Select(t => t!["id"]!.GetValue<string>()));
        Assert.All(toggles, t => Assert.Equal("true", t!["valueOn"]!.GetValue<string>()));

        var pressed = CardClicks.Press(CardClicks.Submitted(rendered["actions"]![0]!.AsObject(), approve.Asks, input => (null, [0, 1])), legacy: false);
        Assert.Equal("Tests pass\nRollback, planned", pressed.Inputs[ActionIds.Inputs.Checklist]);
        Assert.Equal(["Tests pass", "Rollback, planned"], SecBot.Chat.Reviews.ChecklistInput.Read(pressed.InputOrNull(ActionIds.Inputs.Checklist), attest.Options));
        Assert.False(pressed.Inputs.ContainsKey(ActionIds.Inputs.Comment));
    }

    [Fact]
    public void Mentions_are_at_markup_with_a_matching_entity_and_people_teams_cannot_mention_are_written_plainly()
    {
        var card = _renderer.Render(Incident with { Mentions = ["maya", "sam", "ghost_1"] });

        var line = card["body"]!.AsArray().Single(b => b!["text"]?.GetValue<string>().Contains("<at>", StringComparison.Ordinal) == true)!["text"]!.GetValue<string>();
        Assert.Equal("<at>Maya Chen</at> Sam Okafor ghost\\_1", line);
        var entity = Assert.Single(card["msteams"]!["entities"]!.AsArray())!;
        Assert.Equal(("mention", "<at>Maya Chen</at>", "0a1b2c3d-maya", "Maya Chen"),
            (entity["type"]!.GetValue<string>(), entity["text"]!.GetValue<string>(), entity["mentioned"]!["id"]!.GetValue<string>(), entity["mentioned"]!["name"]!.GetValue<string>()));
        Assert.Contains(entity["text"]!.GetValue<string>(), line, StringComparison.Ordinal);
    }

    [Fact]
    public void User_text_is_escaped_so_it_cannot_become_a_link_formatting_a_mention_or_a_list()
    {
        var card = _renderer.Render(Incident with
        {
            Text = "**urgent** [click](https://evil.example) <at>Maya Chen</at> {{DATE(2026-01-01T00:00:00Z)}}\n- item\n1. first\n# head",
            Facts = [new("Summary", "_it_ & `code` ~gone~")],
        });

        var text = card["body"]![1]!["text"]!.GetValue<string>();
        Assert.Equal(
            "\\*\\*urgent\\*\\* \\[click\\](https://evil.example) \\<at\\>Maya Chen\\</at\\> \\{\\{DATE(2026-01-01T00:00:00Z)\\}\\}\n\n\\- item\n\n1\\. first\n\n\\# head",
            text);
        Assert.Equal("\\_it\\_ \\& \\`code\\` \\~gone\\~", card["body"]![2]!["facts"]![0]!["value"]!.GetValue<string>());
        Assert.Null(card["msteams"]!["entities"]);
    }

    [Fact]
    public void A_card_over_80_kb_is_shortened_visibly_and_fits()
    {
        var huge = Incident with
        {
            Text = new string('x', 60_000),
            Facts = [.. Enumerable.Range(0, 400).Select(i => new CardFact($"Fact {i}", new string('v', 300)))],
            Context = new string('c', 20_000),
        };

        var card = _renderer.Render(huge);
        var json = card.ToJsonString();

        Assert.True(TeamsLimits.SizeOf(json) <= TeamsLimits.MessageBytes, $"{TeamsLimits.SizeOf(json)} bytes");
        var body = card["body"]!.AsArray();
        Assert.EndsWith(TextCut.Ellipsis, body[1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Shortened to fit a Teams message.", body[^1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, card["actions"]!.AsArray().Count);
        Assert.True(TeamsLimits.SizeOf(json) > TeamsLimits.MessageBytes / 2, "shortened far more than needed");
    }

    [Fact]
    public void When_short_texts_are_not_enough_facts_are_left_out_with_a_note()
    {
        var card = _renderer.Render(Incident with { Facts = [.. Enumerable.Range(0, 3000).Select(i => new CardFact($"F{i}", "value"))] });

        Assert.True(TeamsLimits.SizeOf(card.ToJsonString()) <= TeamsLimits.MessageBytes);
        Assert.Contains("more facts not shown.", card["body"]!.AsArray()[^1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, card["actions"]!.AsArray().Count);
    }

    [Fact]
    public void The_declare_form_is_a_card_of_its_inputs_whose_submit_names_the_form_and_reads_back_as_the_declare_command()
    {
        var form = DeclareForm.For(CommandVocabulary.FromPolicy(ShippedConfiguration.LoadPolicy()));
        var card = AdaptiveCardRenderer.RenderForm(form);

        Assert.Equal(["form.title", "form.level", "form.type"], InputIds(card));
        var submit = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal(("Action.Execute", "Declare"), (submit["type"]!.GetValue<string>(), submit["title"]!.GetValue<string>()));
        Assert.Equal(("form", "declare"), (submit["data"]!["secbot"]!.GetValue<string>(), submit["data"]!["form"]!.GetValue<string>()));

        var data = submit["data"]!.DeepClone().AsObject();
        data["form.title"] = "Phishing \"wave\" level:L3";
        data["form.level"] = "L1";
        data["form.type"] = "";
        foreach (var legacy in new[] { false, true })
        {
            var read = TeamsActionReader.Read(legacy ? CardClicks.LegacySubmit(data) : CardClicks.Invoke(new JsonObject { ["type"] = "Action.Execute", ["title"] = "Declare", ["verb"] = "form", ["data"] = data.DeepClone() }));
            var submitted = Assert.IsType<CardFormSubmission>(read.Value);
            Assert.Equal("declare", submitted.Kind);
            Assert.Equal("declare «Phishing \"wave\" level:L3» level:L1", submitted.CommandText());
        }
    }

    private static List<string> InputIds(JsonNode card) =>
        [.. card.AsObject().DescendantsAndSelf().OfType<JsonObject>()
            .Where(o => o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal))
            .Select(o => o["id"]!.GetValue<string>())];
}

internal static class JsonNodeWalk
{
    public static IEnumerable<JsonNode> DescendantsAndSelf(this JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in child.DescendantsAndSelf()) yield return descendant;
        }
    }
}
