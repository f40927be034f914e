using SecBot.Chat.Delivery;
using SecBot.Domain;

namespace SecBot.Chat.Cards;

/// <summary>
/// A timeline as people read it in <c>status</c>: one row per event, oldest first, each a sentence after its time
/// (<c>Fri 4 Dec 19:15 UTC · Acknowledged by Sam Okafor at L1; …</c>). The kind stays in the database for machines.
/// </summary>
public static class TimelineText
{
    public const string Heading = "Timeline:";

    public static string Of(IEnumerable<(DateTimeOffset At, string Detail)> events) =>
        Heading + "\n" + string.Join('\n', events.Select(e => Row(e.At, e.Detail)));

    // The detail carries user text (summaries, reasons): kept to one line, it can never start a row that looks like SecBot's.
    public static string Row(DateTimeOffset at, string detail) => $"{ReadableTime.Utc(at)} · {Sentence(OneLine.Of(detail))}";

    private static string Sentence(string detail) =>
        detail.Length == 0 || !char.IsLower(detail[0]) ? detail : char.ToUpperInvariant(detail[0]) + detail[1..];
}
