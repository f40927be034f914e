using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.OnCall;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Teams.Cards;

/// <summary>
/// Renders a channel-neutral <see cref="Card"/> as an Adaptive Card 1.5 (teams-protocol.md §6): the title in a container
/// styled by the tone, text, mentions (<c>&lt;at&gt;Name&lt;/at&gt;</c> with a matching <c>msteams.entities</c> entry), facts as
/// a FactSet, a small subtle context line. A button is an <c>Action.Execute</c> (falling back to <c>Action.Submit</c> on old
/// clients) whose data names the action and its value (<see cref="CardActionData"/>); a button that asks for inputs is an
/// <c>Action.ShowCard</c> whose card holds the inputs and the submit. All user text is escaped (<see cref="AdaptiveCardText"/>).
/// A card is held to <see cref="TeamsLimits.MessageBytes"/> by <see cref="CardFitting"/>.
/// </summary>
public sealed class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";

    private readonly Func<string, TeamsMentionTarget?> _mentionOf;

    /// <param name="mentionOf">A person id → how Teams mentions them, or null when unknown (their id is shown instead).</param>
    public AdaptiveCardRenderer(Func<string, TeamsMentionTarget?> mentionOf)
    {
        ArgumentNullException.ThrowIfNull(mentionOf);
        _mentionOf = mentionOf;
    }

    /// <summary>
    /// The renderer of SecBot's Teams messages: a person is mentioned by their roster Teams user id, else by the one learned
    /// for them on Teams, else written as their name.
    /// </summary>
    public static AdaptiveCardRenderer ForRoster(RosterModel roster, LearnedIdentities learned)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(learned);
        return new AdaptiveCardRenderer(personId => roster.PersonById(personId) is { } person
            ? new TeamsMentionTarget(person.TeamsUserId is { Length: > 0 } configured ? configured : learned.UserIdFor(TeamsPlatform.Name, person), person.Name)
            : null);
    }

    /// <summary>The card's Adaptive Card, within <see cref="TeamsLimits.MessageBytes"/>.</summary>
    public JsonObject Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return CardFitting.Fit(card, Build);
    }

    /// <summary>A form (<c>declare</c> typed alone): its inputs and one submit whose data names the form's kind.</summary>
    public static JsonObject RenderForm(FormRequest form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var submit = Execute(FormLabels.SubmitLabel(form.Title, TeamsLimits.SubmitLabelChars), CardActionData.FormAction, CardActionData.ForForm(form.Kind, form.Inputs), ButtonStyle.Primary);
        JsonArray body = [Title(form.Title), .. CardInputElements.Render(CardActionData.FormNamespace, form.Inputs)];
        return Root(body, [submit]);
    }

    private JsonObject Build(Card card, IReadOnlyList<string> notes)
    {
        var body = new JsonArray();
        var title = Title(OrElse(card.Title, "SecBot"));
        body.Add(card.Tone == CardTone.Neutral
            ? title
            : new JsonObject { ["type"] = "Container", ["style"] = ToneStyle(card.Tone), ["bleed"] = true, ["items"] = new JsonArray(title) });
        if (!string.IsNullOrWhiteSpace(card.Text)) body.Add(Text(card.Text));

        var entities = new JsonArray();
        if (card.Mentions.Count > 0) body.Add(Mentions(card.Mentions, entities));
        if (card.Facts.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. card.Facts.Select(f => new JsonObject { ["title"] = AdaptiveCardText.Escape(f.Label), ["value"] = AdaptiveCardText.Escape(f.Value) })]),
            });
        }

        if (!string.IsNullOrWhiteSpace(card.Context)) body.Add(Subtle(card.Context));
        if (notes.Count > 0) body.Add(Subtle(string.Join(' ', notes)));

        var root = Root(body, [.. card.Buttons.Select((button, i) => Action(button, i))]);
        if (entities.Count > 0) ((JsonObject)root["msteams"]!)["entities"] = entities;
        return root;
    }

    private JsonObject Mentions(IReadOnlyList<string> personIds, JsonArray entities)
    {
        var shown = new List<string>();
        foreach (var personId in personIds)
        {
            var target = _mentionOf(personId);
            if (target is { TeamsUserId: { Length: > 0 } teamsId })
            {
                var name = AdaptiveCardText.MentionName(target.DisplayName);
                var markup = $"<at>{name}</at>";
                shown.Add(markup);
                entities.Add(new JsonObject { ["type"] = "mention", ["text"] = markup, ["mentioned"] = new JsonObject { ["id"] = teamsId, ["name"] = name } });
            }
            else
            {
                shown.Add(AdaptiveCardText.Escape(target?.DisplayName ?? personId));
            }
        }

        return new JsonObject { ["type"] = "TextBlock", ["text"] = string.Join(' ', shown), ["wrap"] = true };
    }

    private static JsonNode Action(CardButton button, int index)
    {
        var label = OrElse(button.Label, button.Value);
        if (button.Asks.Count == 0) return Execute(label, button.ActionId, CardActionData.ForButton(button, null), button.Style);

        var ns = CardActionData.ButtonNamespace(index);
        var formTitle = button.FormTitle ?? label;
        var submit = Execute(FormLabels.SubmitLabel(formTitle, TeamsLimits.SubmitLabelChars), button.ActionId, CardActionData.ForButton(button, ns), button.Style);
        JsonArray body = [Title(formTitle), .. CardInputElements.Render(ns, button.Asks)];
        var showCard = new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = label,
            ["card"] = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = body, ["actions"] = new JsonArray(submit) },
        };
        if (Style(button.Style) is { } style) showCard["style"] = style;
        return showCard;
    }

    private static JsonObject Execute(string title, string verb, JsonObject data, ButtonStyle style)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = data,
            // Clients without Universal Actions send the same data as an Action.Submit message (§6).
            ["fallback"] = "Action.Submit",
        };
        if (Style(style) is { } name) action["style"] = name;
        return action;
    }

    private static JsonObject Root(JsonArray body, JsonArray actions)
    {
        var root = new JsonObject
        {
            ["$schema"] = Schema,
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions.Count > 0) root["actions"] = actions;
        root["msteams"] = new JsonObject { ["width"] = "Full" };
        return root;
    }

    private static JsonObject Title(string text) =>
        new() { ["type"] = "TextBlock", ["text"] = AdaptiveCardText.Escape(text), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true };

    private static JsonObject Text(string text) => new() { ["type"] = "TextBlock", ["text"] = AdaptiveCardText.Escape(text), ["wrap"] = true };

    private static JsonObject Subtle(string text) =>
        new() { ["type"] = "TextBlock", ["text"] = AdaptiveCardText.Escape(text), ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true };

    private static string ToneStyle(CardTone tone) => tone switch
    {
        CardTone.Attention => "attention",
        CardTone.Warning => "warning",
        CardTone.Good => "good",
        _ => "default",
    };

    private static string? Style(ButtonStyle style) => style switch
    {
        ButtonStyle.Primary => "positive",
        ButtonStyle.Danger => "destructive",
        _ => null,
    };

    // Teams shows an empty title as a blank button or heading nobody can read.
    private static string OrElse(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? (string.IsNullOrWhiteSpace(fallback) ? "?" : fallback) : text;
}
