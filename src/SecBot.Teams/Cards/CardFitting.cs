using System.Globalization;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;

namespace SecBot.Teams.Cards;

/// <summary>
/// Keeps a rendered card within <see cref="TeamsLimits.MessageBytes"/>, visibly: the longest text (title, text, context,
/// a fact) is halved with "…" until the card fits, and only when no text is long any more are facts, then buttons, then
/// mentions left out, each with a note on the card saying so, as the Slack renderer does for its own limits.
/// </summary>
internal static class CardFitting
{
    public const string ShortenedNote = "Shortened to fit a Teams message.";
    private const int ShortestCut = 40;
    private const int MaxRounds = 400;

    public static JsonObject Fit(Card card, Func<Card, IReadOnlyList<string>, JsonObject> build)
    {
        var current = card;
        var shortened = false;
        int droppedFacts = 0, droppedButtons = 0, droppedMentions = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var notes = Notes(shortened, droppedFacts, droppedButtons, droppedMentions);
            var rendered = build(current, notes);
            if (TeamsLimits.SizeOf(rendered.ToJsonString()) <= TeamsLimits.MessageBytes) return rendered;

            if (ShortenLongest(current) is { } shorter)
            {
                (current, shortened) = (shorter, true);
            }
            else if (current.Facts.Count > 0)
            {
                droppedFacts += Half(current.Facts.Count);
                current = current with { Facts = [.. current.Facts.Take(current.Facts.Count - Half(current.Facts.Count))] };
            }
            else if (current.Buttons.Count > 0)
            {
                droppedButtons += Half(current.Buttons.Count);
                current = current with { Buttons = [.. current.Buttons.Take(current.Buttons.Count - Half(current.Buttons.Count))] };
            }
            else if (current.Mentions.Count > 0)
            {
                droppedMentions += current.Mentions.Count;
                current = current with { Mentions = [] };
            }
            else
            {
                break;
            }
        }

        return build(new Card { Title = TextCut.Truncate(card.Title, ShortestCut), Tone = card.Tone }, [ShortenedNote]);
    }

    private static int Half(int count) => Math.Max(1, count / 2);

    private static Card? ShortenLongest(Card card)
    {
        var longest = new[] { card.Title.Length, card.Text?.Length ?? 0, card.Context?.Length ?? 0 }
            .Concat(card.Facts.SelectMany(f => new[] { f.Label.Length, f.Value.Length }))
            .Max();
        if (longest <= ShortestCut) return null;
        var to = Math.Max(ShortestCut, longest / 2);

        string Cut(string text) => text.Length == longest ? TextCut.Truncate(text, to) : text;
        if (card.Title.Length == longest) return card with { Title = Cut(card.Title) };
        if (card.Text?.Length == longest) return card with { Text = Cut(card.Text) };
        if (card.Context?.Length == longest) return card with { Context = Cut(card.Context) };
        return card with { Facts = [.. card.Facts.Select(f => f.Label.Length == longest || f.Value.Length == longest ? new CardFact(Cut(f.Label), Cut(f.Value)) : f)] };
    }

    private static List<string> Notes(bool shortened, int facts, int buttons, int mentions)
    {
        var notes = new List<string>();
        if (shortened) notes.Add(ShortenedNote);
        if (facts > 0) notes.Add($"{Count(facts, "more fact")} not shown.");
        if (buttons > 0) notes.Add($"{Count(buttons, "action")} not shown; use the commands instead.");
        if (mentions > 0) notes.Add($"{Count(mentions, "mention")} not shown.");
        return notes;
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
