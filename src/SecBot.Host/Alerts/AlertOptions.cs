namespace SecBot.Host.Alerts;

/// <summary>
/// <c>SecBot:Alerts</c>: the routing keys alert senders use, each opening incidents of one type at one level, and the
/// policy of whether an alert's severity raises that level.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "SecBot:Alerts";

    /// <summary>Each accepted routing key (at least 16 characters) and where its alerts go.</summary>
    public Dictionary<string, RoutingKeyOptions> RoutingKeys { get; set; } = [];

    /// <summary>
    /// Severity (critical, error, warning, info) → the level an alert of it opens at, at the least; an alert never opens
    /// below its routing key's level. Empty by default: every alert opens at its routing key's level (README, "Alert intake").
    /// </summary>
    public Dictionary<string, string> SeverityLevels { get; set; } = [];

    /// <summary>How many incidents each routing key may open per window; repeats of open alerts are never counted.</summary>
    public NewIncidentOptions NewIncidents { get; set; } = new();
}

public sealed class NewIncidentOptions
{
    public int PerKey { get; set; } = 100;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class RoutingKeyOptions
{
    /// <summary>An incident type of the policy (general, customer, aws).</summary>
    public string Type { get; set; } = "";

    /// <summary>The start level; empty: the type's own start level.</summary>
    public string Level { get; set; } = "";
}
