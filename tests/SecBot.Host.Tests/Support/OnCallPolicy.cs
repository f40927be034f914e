using Microsoft.Extensions.Options;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using SecBot.Storage.Incidents;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.Support;

/// <summary>
/// Who the running host's policy pages, worked out from the policy the way the host does. The shipped L1 rotation
/// changes hands every week, so a test that needs the paged person derives them here, at the instant the host paged,
/// and never names them.
/// </summary>
internal static class OnCallPolicy
{
    /// <summary>
    /// The people the policy pages for <paramref name="level"/> of an incident of <paramref name="type"/>, at the
    /// instant the host first paged that level for <paramref name="incident"/>; in page-target order.
    /// </summary>
    public static async Task<IReadOnlyList<Person>> PagedAsync(IServiceProvider services, long incident, string level, string type = "general") =>
        PagedAt(services, level, type, await FirstPagedAtAsync(services, incident, level));

    /// <summary>The people the policy would page for <paramref name="level"/> of an incident of <paramref name="type"/> at <paramref name="at"/>.</summary>
    public static IReadOnlyList<Person> PagedAt(IServiceProvider services, string level, string type, DateTimeOffset at)
    {
        var escalation = new EscalationPolicy(services.GetRequiredService<IOptions<PolicyOptions>>().Value.Escalation);
        var resolver = new OnCallResolver(services.GetRequiredService<RosterModel>(), []);
        return [.. escalation.TargetsFor(type, escalation.Level(level)).SelectMany(target => resolver.Resolve(target, at).People).DistinctBy(person => person.Id)];
    }

    /// <summary>When the host recorded the first page of <paramref name="level"/> for the incident.</summary>
    private static async Task<DateTimeOffset> FirstPagedAtAsync(IServiceProvider services, long incident, string level)
    {
        var stored = await services.GetRequiredService<IncidentRepository>().LoadAsync(incident, CancellationToken.None);
        var pagedAt = stored?.Pages.Where(p => p.Level == level).Select(p => (DateTimeOffset?)p.PagedAt).Min();
        return pagedAt ?? throw new InvalidOperationException($"incident {incident} was never paged at {level}");
    }
}
