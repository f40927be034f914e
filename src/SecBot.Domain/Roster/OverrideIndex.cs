using SecBot.Domain.Policy;

namespace SecBot.Domain.Roster;

/// <summary>The overrides loaded by the caller, looked up by the targets they cover; cancelled ones cover nothing.</summary>
internal sealed class OverrideIndex
{
    private readonly IReadOnlyList<(PageTarget Target, OnCallOverride Override)> _overrides;

    public OverrideIndex(IEnumerable<OnCallOverride> overrides)
    {
        var parsed = new List<(PageTarget, OnCallOverride)>();
        foreach (var item in overrides)
        {
            if (!item.IsCancelled && PageTarget.TryParse(item.Target, out var target)) parsed.Add((target, item));
        }

        _overrides = parsed.AsReadOnly();
    }

    /// <summary>Overrides of any of <paramref name="targets"/> in force at <paramref name="instant"/>, earliest first.</summary>
    public IEnumerable<OnCallOverride> CoveringAt(IReadOnlyCollection<PageTarget> targets, DateTimeOffset instant) =>
        For(targets).Where(item => item.Covers(instant)).OrderBy(item => item.From).ThenBy(item => item.Id);

    /// <summary>The next instant after <paramref name="instant"/> at which an override of the targets starts or ends.</summary>
    public DateTimeOffset? NextChangeAfter(IReadOnlyCollection<PageTarget> targets, DateTimeOffset instant) =>
        For(targets)
            .SelectMany(item => new[] { item.From, item.To })
            .Where(boundary => boundary > instant)
            .Select(boundary => (DateTimeOffset?)boundary)
            .Min();

    private IEnumerable<OnCallOverride> For(IReadOnlyCollection<PageTarget> targets) =>
        _overrides.Where(item => targets.Any(target => SameTarget(target, item.Target))).Select(item => item.Override);

    private static bool SameTarget(PageTarget a, PageTarget b) =>
        a.Kind == b.Kind && string.Equals(a.Id, b.Id, StringComparison.OrdinalIgnoreCase);
}
