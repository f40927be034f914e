using System.Globalization;
using System.Text.Json;
using SecBot.Chat.Cards;
using SecBot.Slack.BlockKit;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Rendering;

/// <summary>
/// Turns a form (a <see cref="CardInput"/> list) into a modal for views.open (slack-protocol.md §5, §7): one
/// input block per input, whose block id and action id are the input id, so <c>state.values[id][id]</c> holds
/// its value on submission. Its state rides in <c>private_metadata</c>, signed (<see cref="ModalMetadata"/>).
/// </summary>
public static class ModalRenderer
{
    public const string CallbackId = "secbot.modal";

    public static ViewDefinition Render(string title, string? intro, ModalState state, ModalMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(metadata);
        var blocks = new List<Block>();
        if (!string.IsNullOrWhiteSpace(intro)) blocks.Add(new SectionBlock { Text = TextObject.Mrkdwn(SlackText.Mrkdwn(intro, SlackLimits.SectionText)) });
        blocks.AddRange(state.Inputs.Take(SlackLimits.ViewBlocks - blocks.Count).Select(Input));

        return new ViewDefinition(ViewDefinition.ModalType, blocks)
        {
            Title = TextObject.Plain(SlackText.Truncate(string.IsNullOrWhiteSpace(title) ? "SecBot" : title, SlackLimits.ViewTitle)),
            Submit = TextObject.Plain(SubmitLabel(title)),
            Close = TextObject.Plain("Cancel"),
            CallbackId = CallbackId,
            PrivateMetadata = metadata.Seal(state),
        };
    }

    /// <summary>The submit button says what it does: the title's verb ("Resolve INC-3" → Resolve, "Declare an incident" → Declare).</summary>
    public static string SubmitLabel(string? title) => FormLabels.SubmitLabel(title, SlackLimits.ViewTitle);

    internal static string WriteState(ModalState state) => JsonSerializer.Serialize(state, SlackWebJsonContext.Default.ModalState);

    /// <summary>Reads a state's JSON back (once its tag is checked); null when it is not a well-formed SecBot modal state.</summary>
    internal static ModalState? ReadState(string json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            var state = JsonSerializer.Deserialize(json, SlackWebJsonContext.Default.ModalState);
            return state is { IsWellFormed: true } ? state : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An unpaired surrogate escape in a string.
            return null;
        }
    }

    private static Block Input(CardInput input)
    {
        BlockElement element = input.Kind == CardInputKind.Checkboxes
            ? new CheckboxesElement(input.Id, input.Options.Take(SlackLimits.CheckboxOptions)
                .Select((option, i) => new OptionObject(TextObject.Plain(SlackText.Truncate(option, SlackLimits.OptionText)), i.ToString(CultureInfo.InvariantCulture)))
                .ToList())
            : new PlainTextInputElement(input.Id)
            {
                Multiline = input.Kind == CardInputKind.MultilineText ? true : null,
                Placeholder = input.Placeholder is { Length: > 0 } p ? TextObject.Plain(SlackText.Truncate(p, SlackLimits.Placeholder)) : null,
                MaxLength = Math.Clamp(input.MaxLength, 1, SlackLimits.PlainTextInputMaxLength),
            };
        return new InputBlock(TextObject.Plain(SlackText.Truncate(input.Label, SlackLimits.InputLabel)), element)
        {
            BlockId = input.Id,
            Optional = !input.Required,
        };
    }
}
