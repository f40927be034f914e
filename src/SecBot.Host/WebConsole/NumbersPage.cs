using System.Globalization;
using System.Text;
using SecBot.Chat.Reports;
using SecBot.Domain;

namespace SecBot.Host.WebConsole;

/// <summary>
/// The Numbers page: for the last 7 and 30 days, mean time to acknowledge and to resolve by level and by type, pages per
/// person, and review turnaround per gate type, each as a small bar chart with its numbers in a table beside it.
/// A group with nothing measured yet shows "none yet", never a made-up mean.
/// </summary>
public static class NumbersPage
{
    public const string NoIncidentsYet = "No incidents yet: these numbers fill in once incidents are declared.";

    public static string Body(ResponseNumbers numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var html = new StringBuilder();
        html.Append("<h1>Numbers</h1><p class=\"muted\">As of ").Append(ConsolePage.Encode(ReadableTime.Utc(numbers.At)))
            .Append(". Each window counts the incidents declared and the review gates opened in it. An incident's level is where it stands, or stood when it was resolved; "
                + "time to acknowledge runs to its first acknowledgement. Pages count every page and re-page, not Executive notifications.</p>");
        if (!numbers.AnyIncidentEver) html.Append("<p class=\"card\" role=\"status\">").Append(NoIncidentsYet).Append("</p>");
        foreach (var window in numbers.Windows) Window(html, window);
        return html.ToString();
    }

    private static void Window(StringBuilder html, ResponseWindow window)
    {
        var days = window.Days.ToString(CultureInfo.InvariantCulture);
        var name = $"last {days} days";
        html.Append("<section aria-labelledby=\"w").Append(days).Append("\"><h2 id=\"w").Append(days).Append("\">Last ").Append(days).Append(" days</h2>")
            .Append("<p>").Append(ConsolePage.Encode(ReadableTime.Count(window.Incidents, "incident"))).Append(" declared since ")
            .Append(ConsolePage.Encode(ReadableTime.Utc(window.Since))).Append(".</p>");
        if (window.Incidents == 0)
        {
            html.Append("<p class=\"muted\" role=\"status\">No incidents declared in the ").Append(name).Append(": no time to acknowledge or resolve to show.</p>");
        }
        else
        {
            Durations(html, $"m{days}-ack-level", $"Mean time to acknowledge by level, {name}", "Level", "Mean time to acknowledge", "Acknowledged", "Not yet acknowledged", window.AcknowledgeByLevel);
            Durations(html, $"m{days}-res-level", $"Mean time to resolve by level, {name}", "Level", "Mean time to resolve", "Resolved", "Still open", window.ResolveByLevel);
            Durations(html, $"m{days}-ack-type", $"Mean time to acknowledge by type, {name}", "Type", "Mean time to acknowledge", "Acknowledged", "Not yet acknowledged", window.AcknowledgeByType);
            Durations(html, $"m{days}-res-type", $"Mean time to resolve by type, {name}", "Type", "Mean time to resolve", "Resolved", "Still open", window.ResolveByType);
        }

        Pages(html, $"m{days}-pages", $"Pages per person, {name}", window.PagesPerPerson);
        if (window.ReviewTurnaroundByGateType.Count == 0)
        {
            html.Append("<h3>Review turnaround per gate type, ").Append(name).Append("</h3><p class=\"muted\">No review gates opened in the ").Append(name).Append(".</p>");
        }
        else
        {
            Durations(html, $"m{days}-review", $"Review turnaround per gate type (opened → decided), {name}", "Gate type", "Mean turnaround", "Decided", "Still open", window.ReviewTurnaroundByGateType);
        }

        html.Append("</section>");
    }

    private static void Durations(StringBuilder html, string id, string title, string groupHeading, string meanHeading, string measuredHeading, string waitingHeading, IReadOnlyList<DurationStat> stats)
    {
        Heading(html, id, title);
        html.Append(NumbersChart.Svg(id, title, [.. stats.Select(s => (s.Group, s.Mean?.TotalSeconds, Shown(s)))]));
        html.Append("<table aria-labelledby=\"").Append(id).Append("\"><thead><tr>")
            .Append("<th scope=\"col\">").Append(groupHeading).Append("</th><th scope=\"col\">").Append(meanHeading).Append("</th><th scope=\"col\">")
            .Append(measuredHeading).Append("</th><th scope=\"col\">").Append(waitingHeading).Append("</th></tr></thead><tbody>");
        foreach (var stat in stats)
        {
            html.Append("<tr><th scope=\"row\">").Append(ConsolePage.Encode(stat.Group)).Append("</th>")
                .Append(stat.Mean is { } mean
                    ? $"<td data-seconds=\"{NumbersText.Seconds(mean)}\">{NumbersText.Duration(mean)}</td>"
                    : "<td>none yet</td>")
                .Append("<td>").Append(stat.Measured.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(stat.Waiting.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Pages(StringBuilder html, string id, string title, IReadOnlyList<PageCount> pages)
    {
        Heading(html, id, title);
        if (pages.Count == 0)
        {
            html.Append("<p class=\"muted\">Nobody was paged.</p>");
            return;
        }

        html.Append(NumbersChart.Svg(id, title, [.. pages.Select(p => (p.Name, (double?)p.Pages, p.Pages.ToString(CultureInfo.InvariantCulture)))]));
        html.Append("<table aria-labelledby=\"").Append(id).Append("\"><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Pages</th></tr></thead><tbody>");
        foreach (var person in pages)
        {
            html.Append("<tr><th scope=\"row\">").Append(ConsolePage.Encode(person.Name)).Append("</th><td>")
                .Append(person.Pages.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Heading(StringBuilder html, string id, string title) =>
        html.Append("<h3 id=\"").Append(id).Append("\">").Append(ConsolePage.Encode(title)).Append("</h3>");

    private static string Shown(DurationStat stat) =>
        stat.Mean is { } mean ? $"{NumbersText.Duration(mean)} (n={stat.Measured.ToString(CultureInfo.InvariantCulture)})" : "none yet";
}
