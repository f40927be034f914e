using System.Globalization;
using System.Text.Json;
using SecBot.Chat.Cards;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Rendering;

/// <summary>
/// How a <see cref="CardButton"/> travels in a Block Kit button and comes back in <c>block_actions</c>
/// (slack-protocol.md §2, §7). The action id is the card's, with <c>#n</c> appended when the same action appears
/// twice in one actions block (Slack wants them unique there). The value is the card's value, or
/// <c>form:</c> + JSON of a <see cref="ButtonForm"/> when the button asks for inputs.
/// </summary>
public static class ButtonCodec
{
    private const string FormPrefix = "form:";
    private const char DuplicateSuffix = '#';

    /// <summary>The button's Slack value, or null when it cannot fit (the renderer then leaves the button out, visibly).</summary>
    public static string? EncodeValue(CardButton button)
    {
        ArgumentNullException.ThrowIfNull(button);
        var value = button.Asks.Count == 0
            ? button.Value
            : FormPrefix + JsonSerializer.Serialize(new ButtonForm(button.Value, button.Asks) { Label = button.Label, Title = button.FormTitle }, SlackWebJsonContext.Default.ButtonForm);
        return value.Length <= SlackLimits.ButtonValue ? value : null;
    }

    public static string ActionIdFor(string actionId, int occurrence) =>
        occurrence == 0 ? actionId : $"{actionId}{DuplicateSuffix}{occurrence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The card's action id back from Slack's (<c>incident.ack#2</c> → <c>incident.ack</c>).</summary>
    public static string CardActionId(string slackActionId)
    {
        ArgumentNullException.ThrowIfNull(slackActionId);
        var hash = slackActionId.LastIndexOf(DuplicateSuffix);
        return hash > 0 && int.TryParse(slackActionId.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? slackActionId[..hash]
            : slackActionId;
    }

    /// <summary>
    /// Reads a clicked button's value: plain, or a form to open. Null for a <c>form:</c> value that is not ours or
    /// is missing what a form needs (<c>"asks":null</c>, a null value).
    /// </summary>
    public static ButtonForm? DecodeValue(string? value)
    {
        value ??= "";
        if (!value.StartsWith(FormPrefix, StringComparison.Ordinal)) return new ButtonForm(value, []);
        try
        {
            var form = JsonSerializer.Deserialize(value.AsSpan(FormPrefix.Length), SlackWebJsonContext.Default.ButtonForm);
            return form is { Value: not null } && ModalState.AreWellFormed(form.Asks) ? form : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
