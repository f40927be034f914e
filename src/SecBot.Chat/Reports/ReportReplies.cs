using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Domain.Incidents;

namespace SecBot.Chat.Reports;

/// <summary>
/// <c>report INC-n</c> in chat: the postmortem draft in Markdown, privately, for anyone on the roster (it changes
/// nothing). A chat message holds only so much, so a long draft is cut with a note naming the command line that
/// prints it whole.
/// </summary>
public sealed class ReportReplies(IncidentReportBuilder builder, TimeProvider time)
{
    /// <summary>The longest reply: Slack's limit for a message's text and a section's, the smallest of the platforms'.</summary>
    public const int ChatLength = 3000;

    public const string Usage = "report INC-n";

    public async Task<ChatReply> ReportAsync(long number, CancellationToken cancellationToken)
    {
        if (await builder.BuildAsync(number, time.GetUtcNow(), cancellationToken) is not { } report)
        {
            return ChatReply.Refusal($"There is no {IncidentKey.Format(number)}.", Usage);
        }

        return ChatReply.Private(Fit(IncidentReportMarkdown.Render(report), report.Key));
    }

    /// <summary>
    /// <paramref name="markdown"/> whole when it fits in <see cref="ChatLength"/>, else cut with the note on how to get all
    /// of it. Lengths are counted as Slack counts them: after it writes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as
    /// entities, so its own cut never falls on the note.
    /// </summary>
    public static string Fit(string markdown, string key)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (SentLength(markdown) <= ChatLength) return markdown;
        var note = $"\n\n(The report is cut here to fit a chat message. The whole of it: dotnet run --project src/SecBot.Host -- report {key} [--format md|json])";
        var budget = ChatLength - SentLength(note) - TextCut.Ellipsis.Length;
        var keep = 0;
        for (var used = 0; keep < markdown.Length && used + SentLength(markdown[keep]) <= budget; keep++) used += SentLength(markdown[keep]);
        return TextCut.Truncate(markdown, keep + TextCut.Ellipsis.Length) + note;
    }

    /// <summary>How long <paramref name="text"/> is once a platform has escaped it (Slack: <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c>).</summary>
    public static int SentLength(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Sum(SentLength);
    }

    private static int SentLength(char c) => c switch
    {
        '&' => "&amp;".Length,
        '<' or '>' => "&lt;".Length,
        _ => 1,
    };
}
