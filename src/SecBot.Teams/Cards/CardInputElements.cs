using System.Text.Json.Nodes;
using SecBot.Chat.Cards;

namespace SecBot.Teams.Cards;

/// <summary>
/// A form's inputs as Adaptive Card elements, their ids under a namespace (<see cref="CardActionData"/>): text as
/// <c>Input.Text</c> (multiline, length limit, placeholder, required with its error message), checkboxes as a label and one
/// <c>Input.Toggle</c> per option. Labels and options are plain text in Teams, never markdown.
/// </summary>
internal static class CardInputElements
{
    public static IEnumerable<JsonNode> Render(string ns, IReadOnlyList<CardInput> inputs) => inputs.SelectMany(input => Render(ns, input));

    private static IEnumerable<JsonNode> Render(string ns, CardInput input)
    {
        if (input.Kind == CardInputKind.Checkboxes)
        {
            yield return new JsonObject { ["type"] = "TextBlock", ["text"] = AdaptiveCardText.Escape(input.Label), ["weight"] = "Bolder", ["wrap"] = true };
            for (var i = 0; i < input.Options.Count; i++)
            {
                yield return new JsonObject
                {
                    ["type"] = "Input.Toggle",
                    ["id"] = CardActionData.ToggleId(ns, input.Id, i),
                    ["title"] = input.Options[i],
                    ["valueOn"] = CardActionData.ToggleOn,
                    ["valueOff"] = CardActionData.ToggleOff,
                    ["value"] = CardActionData.ToggleOff,
                    ["wrap"] = true,
                };
            }

            yield break;
        }

        var text = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = CardActionData.InputId(ns, input.Id),
            ["label"] = input.Label,
            ["isMultiline"] = input.Kind == CardInputKind.MultilineText,
            ["maxLength"] = Math.Max(input.MaxLength, 1),
        };
        if (input.Placeholder is { Length: > 0 } placeholder) text["placeholder"] = placeholder;
        if (input.Required)
        {
            text["isRequired"] = true;
            text["errorMessage"] = FormLabels.Required(input);
        }

        yield return text;
    }
}
