using Microsoft.Extensions.Options;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;

namespace SecBot.Host.Alerts;

/// <summary>Start-up checks of <c>SecBot:Alerts</c> against the policy's incident types and levels, each naming its key.</summary>
internal sealed class AlertOptionsValidation(IOptions<PolicyOptions> policyOptions) : IValidateOptions<AlertOptions>
{
    private const string Section = AlertOptions.SectionName;
    public const int MinRoutingKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EscalationPolicy policy;
        try
        {
            policy = new EscalationPolicy(policyOptions.Value.Escalation);
        }
        catch (OptionsValidationException)
        {
            // The policy's own problems are reported by its validator; the alert settings are checked against a valid one.
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>();
        foreach (var (key, route) in options.RoutingKeys)
        {
            // The key is a secret: a problem names only its first characters.
            var path = $"{Section}:RoutingKeys:{key[..Math.Min(4, key.Length)]}…";
            if (key.Length < MinRoutingKeyLength) problems.Add($"{path} is {key.Length} characters; a routing key must be at least {MinRoutingKeyLength}, so it cannot be guessed.");
            if (policy.FindType(route.Type) is not { } type)
            {
                problems.Add($"{path}:Type '{route.Type}' is not an incident type; use one of {policy.TypeNames}.");
                continue;
            }

            problems.AddRange(LevelProblems($"{path}:Level", string.IsNullOrWhiteSpace(route.Level) ? type.StartLevel : route.Level, policy));
        }

        foreach (var (severity, level) in options.SeverityLevels)
        {
            if (!AlertFields.Severities.Contains(severity, StringComparer.OrdinalIgnoreCase))
                problems.Add($"{Section}:SeverityLevels:{severity} is not a severity; use critical, error, warning or info.");
            problems.AddRange(LevelProblems($"{Section}:SeverityLevels:{severity}", level, policy));
        }

        if (options.NewIncidents.PerKey <= 0) problems.Add($"{Section}:NewIncidents:PerKey is {options.NewIncidents.PerKey}; it must be at least 1.");
        if (options.NewIncidents.Window <= TimeSpan.Zero) problems.Add($"{Section}:NewIncidents:Window is {options.NewIncidents.Window}; it must be longer than zero (e.g. 00:01:00).");

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> LevelProblems(string path, string level, EscalationPolicy policy)
    {
        if (policy.FindLevel(level) is not { } found) yield return $"{path} '{level}' is not a level; use one of {policy.LevelNames}.";
        else if (found.ManualOnly) yield return $"{path} '{level}' is entered only by a person's decision; an alert may not open an incident there.";
    }
}
