using System.Globalization;
using System.Text;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using static SecBot.Host.WebConsole.ConsolePage;

namespace SecBot.Host.WebConsole;

/// <summary>
/// The Card model as HTML for the web console, as Block Kit and Adaptive Cards render it for Slack and Teams: title,
/// text, facts, context, the tone as a css class, and buttons styled by <see cref="ButtonStyle"/>. A button that asks for
/// inputs carries its form, hidden until pressed; a form a command opens (<see cref="FormRequest"/>) is rendered the same
/// way. Every text is encoded; the page's script only moves data attributes back to the server.
/// </summary>
public static class ConsoleCardHtml
{
    public static string Card(Card card, long? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var html = new StringBuilder();
        html.Append("<article class=\"card ").Append(Tone(card.Tone)).Append('"');
        if (messageId is { } id) html.Append(" id=\"msg-").Append(id.ToString(CultureInfo.InvariantCulture)).Append("\" data-message=\"").Append(id.ToString(CultureInfo.InvariantCulture)).Append('"');
        html.Append("><h3 class=\"title\">").Append(Encode(card.Title)).Append("</h3>");
        if (!string.IsNullOrWhiteSpace(card.Text)) html.Append("<p class=\"text\">").Append(Encode(card.Text)).Append("</p>");
        if (card.Facts.Count > 0)
        {
            html.Append("<dl class=\"facts\">");
            foreach (var fact in card.Facts) html.Append("<dt>").Append(Encode(fact.Label)).Append("</dt><dd>").Append(Encode(fact.Value)).Append("</dd>");
            html.Append("</dl>");
        }

        if (card.Buttons.Count > 0)
        {
            html.Append("<div class=\"buttons\">");
            foreach (var button in card.Buttons) Button(html, button);
            html.Append("</div>");
            foreach (var button in card.Buttons.Where(b => b.Asks.Count > 0)) AskForm(html, button);
        }

        if (!string.IsNullOrWhiteSpace(card.Context)) html.Append("<p class=\"context muted\">").Append(Encode(card.Context)).Append("</p>");
        return html.Append("</article>").ToString();
    }

    /// <summary>A form a command opened (<c>declare</c> with no arguments): submitted as the command it stands for.</summary>
    public static string Form(FormRequest form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var html = new StringBuilder();
        html.Append("<form class=\"card opened-form\" data-kind=\"").Append(Encode(form.Kind)).Append("\"><h3 class=\"title\">").Append(Encode(form.Title)).Append("</h3>");
        Inputs(html, form.Inputs);
        html.Append("<button type=\"submit\" class=\"primary\">").Append(Encode(FormLabels.SubmitLabel(form.Title, 24))).Append("</button></form>");
        return html.ToString();
    }

    private static void Button(StringBuilder html, CardButton button)
    {
        html.Append("<button type=\"button\"").Append(Style(button.Style))
            .Append(" data-action=\"").Append(Encode(button.ActionId)).Append("\" data-value=\"").Append(Encode(button.Value)).Append('"');
        if (button.Asks.Count > 0) html.Append(" data-asks=\"").Append(Encode(FormKey(button))).Append('"');
        html.Append('>').Append(Encode(button.Label)).Append("</button>");
    }

    private static void AskForm(StringBuilder html, CardButton button)
    {
        var title = button.FormTitle ?? button.Label;
        html.Append("<form class=\"asks\" hidden data-form=\"").Append(Encode(FormKey(button))).Append("\" data-action=\"").Append(Encode(button.ActionId))
            .Append("\" data-value=\"").Append(Encode(button.Value)).Append("\"><h4>").Append(Encode(title)).Append("</h4>");
        Inputs(html, button.Asks);
        html.Append("<button type=\"submit\"").Append(Style(button.Style)).Append('>').Append(Encode(FormLabels.SubmitLabel(title, 24))).Append("</button> ")
            .Append("<button type=\"button\" class=\"cancel\">Cancel</button></form>");
    }

    private static void Inputs(StringBuilder html, IReadOnlyList<CardInput> inputs)
    {
        foreach (var input in inputs)
        {
            var required = input.Required ? " required" : "";
            var name = Encode(input.Id);
            switch (input.Kind)
            {
                case CardInputKind.Checkboxes:
                    html.Append("<fieldset data-input=\"").Append(name).Append("\" data-kind=\"checkboxes\"").Append(input.Required ? " data-required" : "").Append("><legend>").Append(Encode(input.Label)).Append("</legend>");
                    foreach (var option in input.Options)
                        html.Append("<label class=\"option\"><input type=\"checkbox\" name=\"").Append(name).Append("\" value=\"").Append(Encode(option)).Append("\"> ").Append(Encode(option)).Append("</label>");
                    html.Append("</fieldset>");
                    break;
                case CardInputKind.MultilineText:
                    html.Append("<label>").Append(Encode(input.Label)).Append("<textarea name=\"").Append(name).Append("\" rows=\"3\" maxlength=\"").Append(input.MaxLength.ToString(CultureInfo.InvariantCulture)).Append('"')
                        .Append(Placeholder(input)).Append(required).Append("></textarea></label>");
                    break;
                default:
                    html.Append("<label>").Append(Encode(input.Label)).Append("<input type=\"text\" name=\"").Append(name).Append("\" maxlength=\"").Append(input.MaxLength.ToString(CultureInfo.InvariantCulture)).Append('"')
                        .Append(Placeholder(input)).Append(required).Append("></label>");
                    break;
            }
        }
    }

    private static string Placeholder(CardInput input) => input.Placeholder is { Length: > 0 } text ? $" placeholder=\"{Encode(text)}\"" : "";

    private static string FormKey(CardButton button) => $"{button.ActionId} {button.Value}";

    private static string Style(ButtonStyle style) => style switch
    {
        ButtonStyle.Primary => " class=\"primary\"",
        ButtonStyle.Danger => " class=\"danger\"",
        _ => "",
    };

    private static string Tone(CardTone tone) => tone switch
    {
        CardTone.Attention => "attention",
        CardTone.Good => "good",
        CardTone.Warning => "warning",
        _ => "neutral",
    };
}
