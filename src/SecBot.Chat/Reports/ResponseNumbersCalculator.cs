using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Storage.Reports;

namespace SecBot.Chat.Reports;

/// <summary>
/// Turns the rows <see cref="ResponseHistory"/> read once into <see cref="ResponseNumbers"/> at a given instant: pure
/// arithmetic, the same on either database. Groups follow the policy's order where it names them (levels L1 → Executive,
/// types as configured), then any others by name.
/// </summary>
public static class ResponseNumbersCalculator
{
    /// <summary>The windows the numbers are shown for, in days; the longest is how far back the rows must go.</summary>
    public static readonly IReadOnlyList<int> WindowDays = [7, 30];

    public static DateTimeOffset ReadSince(DateTimeOffset now) => now.AddDays(-WindowDays.Max());

    public static ResponseNumbers Compute(ResponseRows rows, DateTimeOffset now, IReadOnlyList<string> levelOrder, IReadOnlyList<string> typeOrder)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(levelOrder);
        ArgumentNullException.ThrowIfNull(typeOrder);
        return new ResponseNumbers(now, rows.IncidentsEver > 0, [.. WindowDays.Select(days => Window(rows, now, days, levelOrder, typeOrder))]);
    }

    private static ResponseWindow Window(ResponseRows rows, DateTimeOffset now, int days, IReadOnlyList<string> levelOrder, IReadOnlyList<string> typeOrder)
    {
        var since = now.AddDays(-days);
        bool Within(DateTimeOffset at) => at >= since && at <= now;
        var incidents = rows.Incidents.Where(i => Within(i.DeclaredAt)).ToList();
        var gates = rows.Gates.Where(g => Within(g.OpenedAt)).ToList();
        return new ResponseWindow(
            days,
            since,
            incidents.Count,
            Stats(incidents, i => i.Level, levelOrder, i => Took(i.DeclaredAt, i.FirstAcknowledgedAt, now)),
            Stats(incidents, i => i.Level, levelOrder, i => Took(i.DeclaredAt, i.ResolvedAt, now)),
            Stats(incidents, i => i.Type, typeOrder, i => Took(i.DeclaredAt, i.FirstAcknowledgedAt, now)),
            Stats(incidents, i => i.Type, typeOrder, i => Took(i.DeclaredAt, i.ResolvedAt, now)),
            [
                .. rows.Pages
                    .Where(p => Within(p.PagedAt) && p.Reason != PageReason.Notification)
                    .GroupBy(p => p.PersonId, StringComparer.Ordinal)
                    .Select(g => new PageCount(g.Key, g.Last().PersonName, g.Count()))
                    .OrderByDescending(p => p.Pages)
                    .ThenBy(p => p.Name, StringComparer.Ordinal),
            ],
            Stats(gates, g => g.Type, [], g => g.State == GateState.Open ? null : Took(g.OpenedAt, g.DecidedAt, now)));
    }

    /// <summary>From <paramref name="from"/> to <paramref name="to"/>; null while it has not happened (by <paramref name="now"/>).</summary>
    private static TimeSpan? Took(DateTimeOffset from, DateTimeOffset? to, DateTimeOffset now) =>
        to is { } end && end <= now ? end - from : null;

    private static List<DurationStat> Stats<T>(IEnumerable<T> items, Func<T, string> group, IReadOnlyList<string> order, Func<T, TimeSpan?> took) =>
    [
        .. items
            .GroupBy(group, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => Rank(order, g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var measured = g.Select(took).OfType<TimeSpan>().ToList();
                // Stored instants are whole milliseconds: the mean is kept to the millisecond too.
                TimeSpan? mean = measured.Count == 0 ? null : TimeSpan.FromMilliseconds(Math.Round(measured.Average(t => t.TotalMilliseconds)));
                return new DurationStat(g.Key, measured.Count, g.Count() - measured.Count, mean);
            }),
    ];

    private static int Rank(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i].Equals(name, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return order.Count;
    }
}
