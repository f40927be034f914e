using SecBot.Domain.Policy;
using SecBot.Domain.Roster;

namespace SecBot.Domain.Incidents;

/// <summary>Turns a level's page targets into one page per person at an instant, with the reason each was paged.</summary>
internal static class PagePlanner
{
    public static IReadOnlyList<Page> Plan(
        IEnumerable<PageTarget> targets, LevelOptions level, OnCallResolver onCall, DateTimeOffset now, ISet<string> alreadyPaged)
    {
        var pages = new List<Page>();
        foreach (var target in targets)
        {
            var result = onCall.Resolve(target, now);
            foreach (var person in result.People)
            {
                if (!alreadyPaged.Add(person.Id)) continue;
                var reason = level.NotifyOnly ? PageReason.Notification
                    : result.Source == OnCallSource.ManagerFallback ? PageReason.ManagerFallback
                    : PageReason.OnCall;
                pages.Add(new Page(person.Id, level.Name, 1, now, reason, result.Reason));
            }
        }

        return pages;
    }

    /// <summary>Why a target paged nobody at all, for the timeline and the channel.</summary>
    public static IEnumerable<string> Unreachable(IEnumerable<PageTarget> targets, OnCallResolver onCall, DateTimeOffset now) =>
        targets.Select(t => onCall.Resolve(t, now)).Where(r => r.IsEmpty).Select(r => r.Reason ?? $"nobody to page for {r.Target}");
}
