using SecBot.Domain.Policy;

namespace SecBot.Domain.Incidents;

/// <summary>Read-side of <see cref="EscalationOptions"/>: levels in order, names and aliases, per-type targets.</summary>
public sealed class EscalationPolicy
{
    private readonly EscalationOptions _options;

    public EscalationPolicy(EscalationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public IReadOnlyList<LevelOptions> Levels => _options.Levels;
    public IReadOnlyList<IncidentTypeOptions> Types => _options.IncidentTypes;
    public int Repages => _options.Repages;

    public IncidentTypeOptions DefaultType =>
        FindType("general") ?? _options.IncidentTypes.FirstOrDefault() ?? new IncidentTypeOptions { Id = "general", StartLevel = Levels[0].Name };

    public LevelOptions? FindLevel(string? nameOrAlias) =>
        string.IsNullOrWhiteSpace(nameOrAlias)
            ? null
            : _options.Levels.FirstOrDefault(l =>
                l.Name.Equals(nameOrAlias, StringComparison.OrdinalIgnoreCase)
                || l.Aliases.Any(a => a.Equals(nameOrAlias, StringComparison.OrdinalIgnoreCase)));

    public IncidentTypeOptions? FindType(string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? null
            : _options.IncidentTypes.FirstOrDefault(t => t.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    public LevelOptions Level(string name) =>
        FindLevel(name) ?? throw new InvalidOperationException($"level '{name}' is not configured");

    public int IndexOf(string level) => _options.Levels.FindIndex(l => l.Name.Equals(level, StringComparison.OrdinalIgnoreCase));

    public LevelOptions? Next(string level)
    {
        var index = IndexOf(level);
        return index >= 0 && index + 1 < _options.Levels.Count ? _options.Levels[index + 1] : null;
    }

    /// <summary>The targets paged at <paramref name="level"/> for an incident of <paramref name="type"/>.</summary>
    public IReadOnlyList<PageTarget> TargetsFor(string type, LevelOptions level)
    {
        var targets = FindType(type)?.Pages.FirstOrDefault(p => FindLevel(p.Key)?.Name == level.Name).Value ?? level.Page;
        return targets.Select(t => PageTarget.TryParse(t, out var parsed) ? parsed : throw new InvalidOperationException($"bad page target '{t}'")).ToList();
    }

    /// <summary>Roles that may acknowledge or resolve an incident of <paramref name="type"/> at <paramref name="level"/> without having been paged on it.</summary>
    public IReadOnlyList<string> MayAcknowledge(string type, string level) =>
        [.. _options.MayAcknowledge
            .Concat(FindLevel(level)?.MayAcknowledge ?? [])
            .Concat(FindType(type)?.MayAcknowledge ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    public string LevelNames => string.Join("|", _options.Levels.Select(l => l.Aliases.FirstOrDefault() ?? l.Name));

    public string TypeNames => string.Join("|", _options.IncidentTypes.Select(t => t.Id));
}
