using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.OnCall;
using SecBot.Slack.BlockKit;
using SecBot.Slack.Delivery;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Slack.Rendering;

/// <summary>
/// Renders a channel-neutral <see cref="Card"/> as a Block Kit message (slack-protocol.md §7): header, text,
/// mentions, facts as section fields, buttons in actions blocks, a grey context line. Every limit is applied
/// here, so Slack never answers <c>invalid_blocks</c>: text is cut with "…", and what cannot be cut without
/// changing its meaning (too many facts or buttons, an over-long value) is left out with a visible note.
/// </summary>
public sealed class CardRenderer
{
    private readonly Func<string, string?> _mentionOf;

    /// <param name="mentionOf">A person id → their Slack user id, or null when unknown (the name is shown instead).</param>
    public CardRenderer(Func<string, string?> mentionOf)
    {
        ArgumentNullException.ThrowIfNull(mentionOf);
        _mentionOf = mentionOf;
    }

    /// <summary>
    /// The renderer of SecBot's Slack messages: a person is mentioned by their roster Slack user id, else by the one
    /// learned from their roster e-mail (users.lookupByEmail), else by name.
    /// </summary>
    public static CardRenderer ForRoster(RosterModel roster, LearnedIdentities learned)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(learned);
        return new CardRenderer(personId => roster.PersonById(personId) is { } person
            ? person.SlackUserId is { Length: > 0 } configured ? configured : learned.UserIdFor(SlackOutboxKinds.Platform, person)
            : null);
    }

    public MessageContent Render(Card card, string? fallbackText = null, int maxBlocks = SlackLimits.MessageBlocks)
    {
        ArgumentNullException.ThrowIfNull(card);
        var mentions = card.Mentions.Select(id => _mentionOf(id) is { Length: > 0 } user ? $"<@{user}>" : SlackText.Escape(id)).ToList();
        var notes = new List<string>();

        var head = new List<Block> { new HeaderBlock(TextObject.Plain(SlackText.Truncate(ToneMark(card.Tone) + OrElse(card.Title, "SecBot"), SlackLimits.HeaderText))) };
        if (!string.IsNullOrWhiteSpace(card.Text)) head.Add(new SectionBlock { Text = TextObject.Mrkdwn(SlackText.Mrkdwn(card.Text, SlackLimits.SectionText)) });
        if (mentions.Count > 0) head.Add(new SectionBlock { Text = TextObject.Mrkdwn(SlackText.Truncate(string.Join(' ', mentions), SlackLimits.SectionText)) });

        // One block is kept for the context line, which also carries the notes about anything left out.
        var budget = maxBlocks - head.Count - 1;
        var actions = ActionsBlocks(card.Buttons, notes);
        if (actions.Count > budget)
        {
            notes.Add($"{Count(actions.Skip(budget).Sum(a => a.Elements.Count), "more action")} not shown; use the commands instead.");
            actions = actions.Take(budget).ToList();
        }

        var facts = FactSections(card.Facts);
        var factBudget = budget - actions.Count;
        if (facts.Count > factBudget)
        {
            notes.Add($"{Count(card.Facts.Count - (factBudget * SlackLimits.SectionFields), "more fact")} not shown.");
            facts = facts.Take(factBudget).ToList();
        }

        var blocks = new List<Block>(head);
        blocks.AddRange(facts);
        blocks.AddRange(actions);
        if (Context(card.Context, notes) is { } context) blocks.Add(context);

        // The fallback is mrkdwn too (notifications, clients without blocks): user text such as a gate title must not
        // become <!here> or a link, so it is escaped like every other text; only the mentions are markup on purpose.
        var text = SlackText.Mrkdwn(fallbackText ?? card.ToPlainText(), SlackLimits.FallbackText);
        if (mentions.Count > 0) text += "\n" + string.Join(' ', mentions);
        return new MessageContent(SlackText.Truncate(text, SlackLimits.FallbackText), blocks);
    }

    private static List<SectionBlock> FactSections(IReadOnlyList<CardFact> facts) =>
        facts.Chunk(SlackLimits.SectionFields)
            .Select(chunk => new SectionBlock
            {
                Fields = chunk.Select(Field).ToList(),
            })
            .ToList();

    private static TextObject Field(CardFact fact)
    {
        var label = SlackText.Mrkdwn($"*{fact.Label}*", SlackLimits.FieldText / 10) + "\n";
        return TextObject.Mrkdwn(label + SlackText.Mrkdwn(fact.Value, SlackLimits.FieldText - label.Length));
    }

    private static List<ActionsBlock> ActionsBlocks(IReadOnlyList<CardButton> buttons, List<string> notes)
    {
        var elements = new List<ButtonElement>();
        var omitted = 0;
        foreach (var button in buttons)
        {
            var value = ButtonCodec.EncodeValue(button);
            if (value is null || button.ActionId.Length + 4 > SlackLimits.Id)
            {
                omitted++;
                continue;
            }

            elements.Add(new ButtonElement(TextObject.Plain(SlackText.Truncate(OrElse(button.Label, button.Value), SlackLimits.ButtonText)), button.ActionId)
            {
                Value = value,
                Style = button.Style switch
                {
                    ButtonStyle.Primary => ButtonElement.PrimaryStyle,
                    ButtonStyle.Danger => ButtonElement.DangerStyle,
                    _ => null,
                },
            });
        }

        if (omitted > 0) notes.Add($"{Count(omitted, "action")} could not be shown; use the commands instead.");
        return elements.Chunk(SlackLimits.ActionsElements).Select(chunk => new ActionsBlock(UniqueActionIds(chunk))).ToList();
    }

    private static List<BlockElement> UniqueActionIds(ButtonElement[] chunk)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return chunk.Select(BlockElement (button) =>
        {
            var occurrence = seen.TryGetValue(button.ActionId, out var n) ? n : 0;
            seen[button.ActionId] = occurrence + 1;
            return button with { ActionId = ButtonCodec.ActionIdFor(button.ActionId, occurrence) };
        }).ToList();
    }

    private static ContextBlock? Context(string? context, List<string> notes)
    {
        var elements = new List<TextObject>();
        if (!string.IsNullOrWhiteSpace(context)) elements.Add(TextObject.Mrkdwn(SlackText.Mrkdwn(context, SlackLimits.ContextText)));
        if (notes.Count > 0) elements.Add(TextObject.Mrkdwn(SlackText.Mrkdwn(string.Join(' ', notes), SlackLimits.ContextText)));
        return elements.Count == 0 ? null : new ContextBlock(elements);
    }

    private static string ToneMark(CardTone tone) => tone switch
    {
        CardTone.Attention => "🚨 ",
        CardTone.Warning => "⚠️ ",
        CardTone.Good => "✅ ",
        _ => "",
    };

    // Slack refuses empty plain_text; an empty label would make the whole message fail.
    private static string OrElse(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? (string.IsNullOrWhiteSpace(fallback) ? "?" : fallback) : text;

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
