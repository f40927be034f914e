using System.Globalization;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;

namespace SecBot.Teams.Cards;

/// <summary>
/// What a SecBot card action carries in its <c>data</c>, which Teams hands back merged with the card's input values
/// (an <c>adaptiveCard/action</c> invoke's <c>value.action.data</c>, or a legacy <c>Action.Submit</c> message's <c>value</c>):
/// <c>{"secbot": actionId, "value": value}</c> for a button, <c>{"secbot": "form", "form": kind}</c> for a form. Actions
/// that submit inputs add <c>"ns"</c>, the prefix their input ids carry (<c>b1.reason</c>), so two buttons' inputs on one
/// card never collide, and <c>"checklists"</c>: each checkbox input's options, whose toggles are <c>ns.id.index</c>.
/// </summary>
public static class CardActionData
{
    public const string ActionKey = "secbot";
    public const string ValueKey = "value";
    public const string FormKey = "form";
    public const string NamespaceKey = "ns";
    public const string ChecklistsKey = "checklists";

    /// <summary>The <see cref="ActionKey"/> of a form submission.</summary>
    public const string FormAction = "form";

    /// <summary>The namespace of a form card's inputs.</summary>
    public const string FormNamespace = "form";

    public const string ToggleOn = "true";
    public const string ToggleOff = "false";

    /// <summary>The namespace of the inputs of the card's <paramref name="buttonIndex"/>th button (<c>b0</c>, <c>b1</c>, …).</summary>
    public static string ButtonNamespace(int buttonIndex) => "b" + buttonIndex.ToString(CultureInfo.InvariantCulture);

    public static string InputId(string ns, string inputId) => $"{ns}.{inputId}";

    public static string ToggleId(string ns, string inputId, int option) => $"{ns}.{inputId}.{option.ToString(CultureInfo.InvariantCulture)}";

    public static JsonObject ForButton(CardButton button, string? ns)
    {
        ArgumentNullException.ThrowIfNull(button);
        var data = new JsonObject { [ActionKey] = button.ActionId, [ValueKey] = button.Value };
        AddInputs(data, ns, button.Asks);
        return data;
    }

    public static JsonObject ForForm(string kind, IReadOnlyList<CardInput> inputs)
    {
        var data = new JsonObject { [ActionKey] = FormAction, [FormKey] = kind };
        AddInputs(data, FormNamespace, inputs);
        return data;
    }

    private static void AddInputs(JsonObject data, string? ns, IReadOnlyList<CardInput> inputs)
    {
        if (ns is null || inputs.Count == 0) return;
        data[NamespaceKey] = ns;
        var checklists = new JsonObject();
        foreach (var input in inputs.Where(i => i.Kind == CardInputKind.Checkboxes))
        {
            checklists[input.Id] = new JsonArray([.. input.Options.Select(o => JsonValue.Create(o))]);
        }

        if (checklists.Count > 0) data[ChecklistsKey] = checklists;
    }
}
