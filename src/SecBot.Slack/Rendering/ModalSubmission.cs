using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Slack.Payloads;

namespace SecBot.Slack.Rendering;

/// <summary>
/// The values of a submitted SecBot modal, by input id, and the errors to answer with
/// (<c>response_action: errors</c>, keyed by block id, slack-protocol.md §3) when a required one is blank.
/// </summary>
public sealed record ModalSubmission(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors)
{
    public static ModalSubmission Read(ModalState state, SlackView view)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(view);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (blockId, actions) in view.State?.Values ?? new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>())
        {
            // JSON may hold null where the records declare none ({"title":null}); such an input has no value.
            if (actions is not null && actions.TryGetValue(blockId, out var entry) && entry?.AsText() is { } text) values[blockId] = text;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in state.Inputs)
        {
            if (input.Kind == CardInputKind.Checkboxes && values.TryGetValue(input.Id, out var picked)) values[input.Id] = OptionTexts(input, picked);
            if (input.Required && string.IsNullOrWhiteSpace(values.GetValueOrDefault(input.Id)))
            {
                errors[input.Id] = FormLabels.Required(input);
            }
        }

        return new ModalSubmission(values, errors);
    }

    // Checkbox values are option indexes (option values are limited to 150 characters, §7); the text is what counts.
    private static string OptionTexts(CardInput input, string indexes) =>
        CheckboxValue.Of(indexes.Split('\n').Select(i =>
            int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < input.Options.Count ? input.Options[n] : i));
}
