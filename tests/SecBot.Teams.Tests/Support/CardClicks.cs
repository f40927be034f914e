using System.Globalization;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Slack.BlockKit;
using SecBot.Slack.Payloads;
using SecBot.Slack.Rendering;
using SecBot.Teams.Activities;
using SecBot.Teams.Cards;

namespace SecBot.Teams.Tests.Support;

/// <summary>
/// A person pressing a card's buttons on each platform, filling in what the button asks the same way on both: Slack's
/// button value and modal submission as SecBot's Slack adapter reads them, and Teams' <c>Action.Execute</c> data merged with
/// the card's input values, sent as the real invoke (or the legacy <c>Action.Submit</c> message) would carry it.
/// </summary>
internal static class CardClicks
{
    /// <summary>What the person enters for an input: text typed (null: left blank), or the indexes of the options ticked.</summary>
    public delegate (string? Text, int[] Ticked) Answer(CardInput input);

    public static Answer FillEverything { get; } = input => ($"typed into {input.Id}: it's *done* [see](http://x)", [0, 2]);

    public static Answer OnlyWhatIsRequired { get; } = input => (input.Required ? $"{input.Id} only" : null, []);

    /// <summary>The ButtonInput SecBot's Slack adapter hands the chat layer for each of the card's buttons.</summary>
    public static List<ButtonInput> OnSlack(Card card, Answer answer)
    {
        var content = new CardRenderer(_ => null).Render(card);
        var buttons = content.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Elements).Cast<ButtonElement>().ToList();
        Assert.Equal(card.Buttons.Count, buttons.Count);
        return [.. buttons.Select(button => SlackPress(button, answer))];
    }

    /// <summary>The data Teams would send for each of the card's buttons, read back by <see cref="TeamsActionReader"/> from an invoke and from a legacy message.</summary>
    public static List<ButtonInput> OnTeams(Card card, JsonObject rendered, Answer answer, bool legacy = false)
    {
        var actions = rendered["actions"]?.AsArray() ?? [];
        Assert.Equal(card.Buttons.Count, actions.Count);
        return [.. actions.Select((action, i) => Press(Submitted(action!.AsObject(), card.Buttons[i].Asks, answer), legacy))];
    }

    /// <summary>The Execute a person finally clicks for a card action, with the card's input values merged into its data.</summary>
    public static JsonObject Submitted(JsonObject action, IReadOnlyList<CardInput> asks, Answer answer)
    {
        if (action["type"]!.GetValue<string>() == "Action.Execute") return action.DeepClone().AsObject();

        Assert.Equal("Action.ShowCard", action["type"]!.GetValue<string>());
        var shown = action["card"]!.AsObject();
        var execute = Assert.Single(shown["actions"]!.AsArray())!.DeepClone().AsObject();
        var data = execute["data"]!.AsObject();
        var elements = new Queue<JsonObject>(shown["body"]!.AsArray().Select(e => e!.AsObject()).Where(e => e["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal)));
        foreach (var input in asks)
        {
            var (text, ticked) = answer(input);
            if (input.Kind == CardInputKind.Checkboxes)
            {
                for (var i = 0; i < input.Options.Count; i++)
                {
                    var toggle = elements.Dequeue();
                    Assert.Equal("Input.Toggle", toggle["type"]!.GetValue<string>());
                    Assert.Equal(input.Options[i], toggle["title"]!.GetValue<string>());
                    data[toggle["id"]!.GetValue<string>()] = ticked.Contains(i) ? toggle["valueOn"]!.GetValue<string>() : toggle["valueOff"]!.GetValue<string>();
                }

                continue;
            }

            var field = elements.Dequeue();
            Assert.Equal("Input.Text", field["type"]!.GetValue<string>());
            Assert.Equal(input.Label, field["label"]!.GetValue<string>());
            // Teams sends an input left blank as an empty string.
            data[field["id"]!.GetValue<string>()] = text ?? "";
        }

        Assert.Empty(elements);
        return execute;
    }

    /// <summary>The activity Teams posts for the click, built from the real captures, read back.</summary>
    public static ButtonInput Press(JsonObject execute, bool legacy)
    {
        var activity = legacy ? LegacySubmit(execute["data"]!.AsObject()) : Invoke(execute);
        var read = TeamsActionReader.Read(activity);
        Assert.True(read.IsSuccess, read.Error);
        return Assert.IsType<CardButtonPress>(read.Value).Button;
    }

    public static Activity Invoke(JsonObject execute)
    {
        var json = TeamsFixtures.Json("inbound.invoke.adaptiveCard-action.personal.json");
        var action = new JsonObject { ["type"] = execute["type"]!.DeepClone(), ["title"] = execute["title"]!.DeepClone(), ["data"] = execute["data"]!.DeepClone() };
        if (execute["verb"] is { } verb) action["verb"] = verb.DeepClone();
        json["value"]!["action"] = action;
        return TeamsFixtures.Parse(json);
    }

    /// <summary>A plain <c>Action.Submit</c> (the fallback): the messageBack capture's shape, its value the data with the inputs and no text (§5).</summary>
    public static Activity LegacySubmit(JsonObject data)
    {
        var json = TeamsFixtures.Json("inbound.message.action-submit-messageBack.channel.json");
        json.Remove("text");
        json["value"] = data.DeepClone();
        return TeamsFixtures.Parse(json);
    }

    public static void AssertSame(ButtonInput expected, ButtonInput actual)
    {
        Assert.Equal(expected.ActionId, actual.ActionId);
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(
            expected.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).ToList(),
            actual.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).ToList());
    }

    // As SlackActionEndpoint reads a press: the value decoded, and for a button with inputs the modal's submission.
    private static ButtonInput SlackPress(ButtonElement button, Answer answer)
    {
        var form = ButtonCodec.DecodeValue(button.Value);
        Assert.NotNull(form);
        var actionId = ButtonCodec.CardActionId(button.ActionId);
        if (form.Asks.Count == 0) return new ButtonInput(actionId, form.Value, new Dictionary<string, string>());

        var state = new ModalState(ModalState.ButtonKind, actionId) { Value = form.Value, Inputs = form.Asks };
        var values = new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>();
        foreach (var input in form.Asks)
        {
            var (text, ticked) = answer(input);
            values[input.Id] = new Dictionary<string, ViewStateValue>
            {
                [input.Id] = input.Kind == CardInputKind.Checkboxes
                    ? new ViewStateValue { Type = "checkboxes", SelectedOptions = [.. ticked.Where(i => i < input.Options.Count).Select(i => new SelectedOption { Value = i.ToString(CultureInfo.InvariantCulture) })] }
                    : new ViewStateValue { Type = "plain_text_input", Value = text },
            };
        }

        var submission = ModalSubmission.Read(state, new SlackView { State = new ViewState { Values = values } });
        return new ButtonInput(state.Name, state.Value ?? "", submission.Values);
    }
}
