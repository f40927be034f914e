using System.Globalization;
using System.Text;
using SecBot.Domain;
using SecBot.Domain.Reviews;

namespace SecBot.Chat.Reports;

/// <summary>
/// The postmortem draft in Markdown: Summary, Timeline, Response, Sign-offs, and the empty Root cause and Follow-ups
/// sections the author fills in. Every piece of stored text goes through <see cref="MarkdownText.Escape"/>.
/// </summary>
public static class IncidentReportMarkdown
{
    public const string RootCauseHeading = "## Root cause";
    public const string FollowUpsHeading = "## Follow-ups";
    private const string ForTheAuthor = "_For the author to write._";

    public static string Render(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# ").Append(report.Key).Append(" postmortem draft: ").Append(E(report.Title)).Append("\n\n");
        md.Append("> Drafted by SecBot at ").Append(Time(report.GeneratedAt))
            .Append(" from the incident's timeline and the sign-off ledger. Root cause and follow-ups are for the author to write.\n\n");
        Summary(md, report);
        Timeline(md, report);
        Response(md, report);
        SignOffs(md, report);
        md.Append(RootCauseHeading).Append("\n\n").Append(ForTheAuthor).Append("\n\n");
        md.Append(FollowUpsHeading).Append("\n\n").Append(ForTheAuthor).Append('\n');
        return md.ToString();
    }

    private static void Summary(StringBuilder md, IncidentReport report)
    {
        md.Append("## Summary\n\n");
        var level = report.DeclaredLevel == report.Level ? report.Level : $"{report.Level} (declared at {report.DeclaredLevel})";
        Fact(md, "Incident", $"{report.Key}, {E(report.Type)} incident at {E(level)}, {report.State}");
        Fact(md, "Title", E(report.Title));
        Fact(md, "Declared", $"{Time(report.DeclaredAt)} by {Name(report.DeclaredBy)}");
        if (report.Lead is { } lead) Fact(md, "Lead", Name(lead));
        Fact(md, "First acknowledged", report.Acknowledgements.Count == 0
            ? "not acknowledged"
            : $"{Time(report.Acknowledgements[0].At)} by {Name(report.Acknowledgements[0].By)} at {E(report.Acknowledgements[0].Level)}, {Span(report.Durations.TimeToAcknowledgeSeconds)} after it was declared");
        Fact(md, "Resolved", report.Resolution is { } resolution
            ? $"{Time(resolution.At)} by {Name(resolution.By)}, {Span(report.Durations.TimeToResolveSeconds)} after it was declared"
            : "not resolved");
        if (report.Resolution is { } resolved) Fact(md, "Resolution summary", resolved.Summary is { } summary ? E(summary) : "none given");
        var people = report.Pages.Select(p => p.To.Id).Distinct(StringComparer.Ordinal).Count();
        var automatic = report.Escalations.Count(e => e.Automatic);
        Fact(md, "Response", $"{ReadableTime.Count(report.Pages.Count, "page")} to {ReadableTime.Count(people, "person", "people")}; "
            + $"{ReadableTime.Count(report.Escalations.Count, "escalation")} ({automatic} automatic, {report.Escalations.Count - automatic} manual)"
            + (report.Alerts.Count == 0 ? "" : $"; {ReadableTime.Count(report.Alerts.Count(a => a.Kind == "triggered"), "alert trigger")}, {ReadableTime.Count(report.Alerts.Sum(a => a.Repeats), "repeat")}"));
        Fact(md, "Reviews", report.Gates.Count == 0
            ? "none linked"
            : string.Join(", ", report.Gates.Select(g => $"{g.Key} ({E(g.Type)}, {g.State})")));
        md.Append('\n');
    }

    private static void Timeline(StringBuilder md, IncidentReport report)
    {
        md.Append("## Timeline\n\n");
        Table(md, ["Time (UTC)", "Who", "What"], report.Timeline.Select(e => new[] { Time(e.At), Name(e.Actor), E(Sentence(e.Detail)) }), "No timeline rows.");
    }

    private static void Response(StringBuilder md, IncidentReport report)
    {
        md.Append("## Response\n\n### Pages\n\n");
        Table(
            md,
            ["Time (UTC)", "To", "Level", "Attempt", "Why"],
            report.Pages.Select(p => new[] { Time(p.At), Name(p.To), E(p.Level), p.Attempt.ToString(CultureInfo.InvariantCulture), E(p.Note is null ? p.Reason : $"{p.Reason}: {p.Note}") }),
            "Nobody was paged.");
        md.Append("### Acknowledgements\n\n");
        Table(md, ["Time (UTC)", "By", "Level"], report.Acknowledgements.Select(a => new[] { Time(a.At), Name(a.By), E(a.Level) }), "Nobody acknowledged.");
        md.Append("### Escalations\n\n");
        Table(
            md,
            ["Time (UTC)", "From → To", "How", "By", "Reason"],
            report.Escalations.Select(e => new[] { Time(e.At), $"{E(e.From)} → {E(e.To)}", e.Automatic ? "automatic" : "manual", Name(e.By), e.Reason is null ? "none given" : E(e.Reason) }),
            "No escalations.");
        md.Append("### Alerts\n\n");
        Table(
            md,
            ["Time (UTC)", "Source", "Event", "Detail"],
            report.Alerts.Select(a => new[] { Time(a.At), E(a.Source), a.Kind == "triggered" ? "triggered" : $"repeated ×{a.Repeats.ToString(CultureInfo.InvariantCulture)}", E(a.Detail) }),
            "No alerts: the incident was declared by a person.");
        md.Append("### Durations\n\n");
        Fact(md, "Time to acknowledge", report.Durations.TimeToAcknowledgeSeconds is null ? "not acknowledged" : Span(report.Durations.TimeToAcknowledgeSeconds));
        Fact(md, "Time to resolve", report.Durations.TimeToResolveSeconds is null
            ? $"not resolved; open for {ReadableTime.Span(report.GeneratedAt - report.DeclaredAt)} so far"
            : Span(report.Durations.TimeToResolveSeconds));
        md.Append('\n');
    }

    private static void SignOffs(StringBuilder md, IncidentReport report)
    {
        md.Append("## Sign-offs\n\n");
        if (report.Gates.Count == 0)
        {
            md.Append("No review gate is linked to this incident. A gate is linked when resolving the incident opens its review (the incident type's OnResolveGate).\n\n");
            return;
        }

        foreach (var gate in report.Gates)
        {
            md.Append("### ").Append(gate.Key).Append(": ").Append(E(gate.Title)).Append("\n\n");
            Fact(md, "Gate", $"{E(gate.Type)}, {gate.State}");
            Fact(md, "Opened", $"{Time(gate.OpenedAt)}, requested for {Name(gate.RequestedBy)}");
            if (gate.DecidedAt is { } decided) Fact(md, "Last decided", Time(decided));
            md.Append('\n');
            Table(
                md,
                ["Time (UTC)", "Ledger #", "Stage", "Seat", "Who", "Role", "Decision", "Comment"],
                gate.SignOffs.Select(s => new[]
                {
                    Time(s.At), s.LedgerId.ToString(CultureInfo.InvariantCulture), $"{s.Stage.ToString(CultureInfo.InvariantCulture)} (rev {s.Revision.ToString(CultureInfo.InvariantCulture)})",
                    s.Seat is null ? "whole gate" : E(s.Seat), Name(s.By), E(s.RoleHeld), Decision(s),
                    // The opened record's comment is the ledger's machine record of type and title, shown above.
                    s.Decision == LedgerDecisions.Opened || s.Comment is null ? "" : E(s.Comment),
                }),
                "Nothing in the ledger yet.");
        }
    }

    private static string Decision(ReportSignOff signOff) =>
        E(signOff.Decision) + (signOff.Override ? " (override)" : "") + (signOff.Stale ? " (stale: an earlier revision)" : "");

    private static void Fact(StringBuilder md, string label, string value) => md.Append("- **").Append(label).Append(":** ").Append(value).Append('\n');

    private static void Table(StringBuilder md, string[] headings, IEnumerable<string[]> rows, string ifNone)
    {
        var body = rows.ToList();
        if (body.Count == 0)
        {
            md.Append('_').Append(ifNone).Append("_\n\n");
            return;
        }

        md.Append("| ").Append(string.Join(" | ", headings)).Append(" |\n|");
        foreach (var _ in headings) md.Append(" --- |");
        md.Append('\n');
        foreach (var row in body) md.Append("| ").Append(string.Join(" | ", row.Select(c => c.Length == 0 ? " " : c))).Append(" |\n");
        md.Append('\n');
    }

    private static string E(string? text) => MarkdownText.Escape(text);

    private static string Name(ReportActor actor) => E(actor.Name);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string Span(double? seconds) => seconds is { } s ? ReadableTime.Span(TimeSpan.FromSeconds(s)) : "";

    private static string Sentence(string detail) =>
        detail.Length == 0 || !char.IsLower(detail[0]) ? detail : char.ToUpperInvariant(detail[0]) + detail[1..];
}
