using System.Globalization;
using System.Text;
using SecBot.Domain;
using static SecBot.Host.WebConsole.ConsolePage;

namespace SecBot.Host.WebConsole;

/// <summary>
/// The board as HTML: the fragment inside <c>#board</c> that the page shows at first and the stream replaces. Cards, not
/// wide tables, so it reads on a phone; every text from the store or the roster is encoded.
/// </summary>
public static class BoardHtml
{
    public static string Fragment(BoardSnapshot board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var html = new StringBuilder();
        html.Append("<p class=\"muted\">As of ").Append(Encode(ReadableTime.Utc(board.At))).Append("</p>");
        Incidents(html, board.Incidents);
        Gates(html, board.Gates);
        OnCall(html, board.OnCall);
        Failures(html, "Undelivered messages", "dead-letters", board.DeadLetters, "Every message was delivered or is still being tried.");
        Failures(html, "Timers given up on", "parked-timers", board.ParkedTimers, "No timer was given up on.");
        return html.ToString();
    }

    private static void Incidents(StringBuilder html, IReadOnlyList<BoardIncident> incidents)
    {
        html.Append("<section id=\"incidents\"><h2>Open incidents (").Append(Count(incidents.Count)).Append(")</h2>");
        if (incidents.Count == 0) html.Append("<p class=\"muted\">No open incidents.</p>");
        foreach (var incident in incidents)
        {
            var acknowledged = incident.AcknowledgedBy is not null;
            html.Append("<div class=\"card ").Append(acknowledged ? "good" : "attention").Append("\" data-key=\"").Append(Encode(incident.Key)).Append("\">")
                .Append("<strong>").Append(Encode(incident.Key)).Append("</strong> ").Append(Encode(incident.Title))
                .Append("<br><span class=\"muted\">").Append(Encode(incident.Level)).Append(" · ").Append(Encode(incident.Type))
                .Append(" · declared ").Append(Encode(ReadableTime.Ago(incident.Age))).Append("</span>")
                .Append("<br>Paged: ").Append(incident.Paged.Count == 0 ? "<span class=\"muted\">nobody at this level</span>" : Encode(string.Join(", ", incident.Paged)))
                .Append("<br>");
            if (acknowledged)
            {
                html.Append("Acknowledged by ").Append(Encode(incident.AcknowledgedBy));
                if (incident.AcknowledgedAt is { } at) html.Append(" at ").Append(Encode(ReadableTime.Utc(at)));
            }
            else
            {
                html.Append("<strong>Not acknowledged</strong>");
            }

            if (incident.NextEscalation is { } next)
            {
                html.Append("<br>Next: ");
                if (incident.NextEscalationAt is { } due) html.Append("<time datetime=\"").Append(due.ToString("O", CultureInfo.InvariantCulture)).Append("\">");
                html.Append(Encode(next));
                if (incident.NextEscalationAt is not null) html.Append("</time>");
            }

            html.Append("</div>");
        }

        html.Append("</section>");
    }

    private static void Gates(StringBuilder html, IReadOnlyList<BoardGate> gates)
    {
        html.Append("<section id=\"gates\"><h2>Open review gates (").Append(Count(gates.Count)).Append(")</h2>");
        if (gates.Count == 0) html.Append("<p class=\"muted\">No gates waiting.</p>");
        foreach (var gate in gates)
        {
            html.Append("<div class=\"card warning\" data-key=\"").Append(Encode(gate.Key)).Append("\">")
                .Append("<strong>").Append(Encode(gate.Key)).Append("</strong> ").Append(Encode(gate.Title))
                .Append("<br><span class=\"muted\">").Append(Encode(gate.TypeName)).Append(" · requested by ").Append(Encode(gate.RequestedBy))
                .Append(" · ").Append(Encode(gate.State)).Append("</span>");
            foreach (var stage in gate.Stages)
            {
                html.Append("<div class=\"stage").Append(stage.IsCurrent ? "" : " muted").Append("\">").Append(stage.IsCurrent ? "▶ " : "")
                    .Append(Encode(stage.Label)).Append(stage.IsCurrent ? " (now)" : "");
                // A block per seat: a seat that wraps on a phone hangs under its own bullet, not under the stage.
                foreach (var seat in stage.Seats) html.Append("<div class=\"seat\">· ").Append(Seat(seat)).Append("</div>");
                html.Append("</div>");
            }

            html.Append("</div>");
        }

        html.Append("</section>");
    }

    private static string Seat(BoardSeat seat)
    {
        var name = Encode(seat.Seat);
        if (seat.SignedBy is { } signer) return $"{name}: ✔ {Encode(signer)} <span class=\"muted\">({Encode(seat.Note)})</span>";
        if (seat.WaitingOn.Count > 0) return $"{name}: <strong>waiting on</strong> {Encode(string.Join(", ", seat.WaitingOn))}";
        return $"{name}: <span class=\"muted\">{Encode(seat.Note)}</span>";
    }

    private static void OnCall(StringBuilder html, IReadOnlyList<BoardOnCall> rows)
    {
        html.Append("<section id=\"oncall\"><h2>On call</h2><table><thead><tr><th>Level</th><th>Target</th><th>Now</th><th>Next</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr><td><strong>").Append(Encode(row.Level.Length == 0 ? "(no level)" : row.Level)).Append("</strong></td>")
                .Append("<td>").Append(Encode(row.Target)).Append("</td>")
                .Append("<td class=\"now\"><span class=\"muted\">now:</span> ").Append(Encode(row.Now)).Append("</td>")
                .Append("<td class=\"next\"><span class=\"muted\">next:</span> ").Append(Encode(row.Next)).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static void Failures(StringBuilder html, string title, string id, BoardFailures failures, string none)
    {
        html.Append("<section id=\"").Append(id).Append("\"><h2>").Append(title).Append(" (").Append(Count(failures.Total)).Append(")</h2>");
        if (failures.Total == 0)
        {
            html.Append("<p class=\"muted\">").Append(none).Append("</p></section>");
            return;
        }

        if (failures.Total > failures.Newest.Count) html.Append("<p class=\"muted\">The newest ").Append(Count(failures.Newest.Count)).Append(".</p>");
        html.Append("<table><thead><tr><th>Id</th><th>Given up on</th><th>What</th><th></th></tr></thead><tbody>");
        foreach (var failure in failures.Newest)
        {
            html.Append("<tr><td><strong>").Append(Encode(failure.Id)).Append("</strong></td>")
                .Append("<td class=\"muted\">").Append(Encode(ReadableTime.Utc(failure.At))).Append("</td>")
                .Append("<td>").Append(Encode(failure.Summary)).Append("</td>")
                .Append("<td><button type=\"button\" data-retry=\"").Append(Encode(failure.Id)).Append("\">Retry</button></td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
