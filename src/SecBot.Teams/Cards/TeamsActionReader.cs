using SecBot.Chat.Inbound;
using System.Text.Json;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Teams.Activities;

namespace SecBot.Teams.Cards;

/// <summary>
/// Reads a click on a SecBot card back (teams-protocol.md §5, §6): an <c>adaptiveCard/action</c> invoke, routed on its
/// <c>data</c> (the <c>verb</c> is optional, and must name the same action when present), or the <c>Action.Submit</c> message
/// of a client without Universal Actions, whose <c>value</c> is the data merged with the inputs. Inputs come back under the
/// ids the card asked for them by; a checklist's toggles become the ticked options' texts (<see cref="CheckboxValue"/>). An
/// action that is not SecBot's, or malformed, is a failure that names the problem.
/// </summary>
public static class TeamsActionReader
{
    /// <summary>Whether the activity is a card click at all (else a message is typed text, an invoke something else).</summary>
    public static bool IsCardAction(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Invoke
            ? activity.Name == ActivityTypes.AdaptiveCardAction
            : activity.Type == ActivityTypes.Message && activity.Value is { ValueKind: JsonValueKind.Object };
    }

    public static ParseResult<CardSubmission> Read(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type == ActivityTypes.Message)
        {
            return activity.Value is { ValueKind: JsonValueKind.Object } submitted
                ? ReadData(submitted)
                : Failure("the message carries no card data (no \"value\" object)");
        }

        if (activity.Type != ActivityTypes.Invoke || activity.Name != ActivityTypes.AdaptiveCardAction)
        {
            return Failure($"the {activity.Type} activity named \"{activity.Name}\" is not an Adaptive Card action");
        }

        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return Failure("the adaptiveCard/action invoke has no value.action object");
        }

        var type = String(action, "type");
        if (type != "Action.Execute") return Failure($"the card action is {(type is null ? "untyped" : $"\"{type}\"")}, not Action.Execute");
        if (!action.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return Failure("the card action carries no data object");

        var read = ReadData(data);
        var verb = String(action, "verb");
        if (read.IsSuccess && !string.IsNullOrEmpty(verb) && verb != String(data, CardActionData.ActionKey))
        {
            return Failure($"the card action's verb \"{verb}\" does not match its data's action \"{String(data, CardActionData.ActionKey)}\"");
        }

        return read;
    }

    /// <summary>Reads an action's data with the card's input values merged in.</summary>
    public static ParseResult<CardSubmission> ReadData(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object) return Failure("the card action's data is not a JSON object");
        if (String(data, CardActionData.ActionKey) is not { Length: > 0 } actionId)
        {
            return Failure($"the card action's data is not SecBot's (it has no \"{CardActionData.ActionKey}\" string)");
        }

        var inputs = Inputs(data);
        if (inputs is null) return Failure($"the card action's \"{CardActionData.ChecklistsKey}\" is not an object of option lists");
        if (actionId == CardActionData.FormAction)
        {
            return String(data, CardActionData.FormKey) is { Length: > 0 } kind
                ? ParseResult<CardSubmission>.Success(new CardFormSubmission(kind, inputs))
                : Failure($"the SecBot form submission names no \"{CardActionData.FormKey}\"");
        }

        return String(data, CardActionData.ValueKey) is { } buttonValue
            ? ParseResult<CardSubmission>.Success(new CardButtonPress(new ButtonInput(actionId, buttonValue, inputs)))
            : Failure($"the SecBot button \"{actionId}\" carries no \"{CardActionData.ValueKey}\" string");
    }

    // Inputs under the action's namespace, back under their own ids; toggles gathered into their checklist. Null when the
    // checklists member is malformed.
    private static Dictionary<string, string>? Inputs(JsonElement data)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (String(data, CardActionData.NamespaceKey) is not { Length: > 0 } ns) return inputs;

        var checklists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (data.TryGetProperty(CardActionData.ChecklistsKey, out var declared))
        {
            if (declared.ValueKind != JsonValueKind.Object) return null;
            foreach (var checklist in declared.EnumerateObject())
            {
                if (checklist.Value.ValueKind != JsonValueKind.Array || checklist.Value.EnumerateArray().Any(o => o.ValueKind != JsonValueKind.String)) return null;
                checklists[checklist.Name] = [.. checklist.Value.EnumerateArray().Select(o => o.GetString()!)];
            }
        }

        var prefix = ns + ".";
        foreach (var member in data.EnumerateObject())
        {
            if (!member.Name.StartsWith(prefix, StringComparison.Ordinal) || member.Value.ValueKind != JsonValueKind.String) continue;
            var id = member.Name[prefix.Length..];
            // A blank text input is absent, as Slack leaves an empty input out of a modal's values.
            if (!IsToggle(id, checklists) && member.Value.GetString() is { Length: > 0 } text) inputs[id] = text;
        }

        foreach (var (id, options) in checklists)
        {
            var ticked = options.Where((_, i) => String(data, CardActionData.ToggleId(ns, id, i)) == CardActionData.ToggleOn);
            inputs[id] = CheckboxValue.Of(ticked);
        }

        return inputs;
    }

    private static bool IsToggle(string id, Dictionary<string, List<string>> checklists)
    {
        var dot = id.LastIndexOf('.');
        return dot > 0 && checklists.ContainsKey(id[..dot]);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ParseResult<CardSubmission> Failure(string reason) => ParseResult<CardSubmission>.Failure(reason);
}
