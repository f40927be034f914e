using System.Text.Json;
using SecBot.Chat.Alerts;
using SecBot.Domain.Incidents;

namespace SecBot.Host.Alerts;

/// <summary>
/// Reads Alertmanager's webhook notification (version 4). Each alert's fingerprint is its dedup key; firing triggers and
/// resolved resolves. The title is the summary annotation (else description, else alertname); severity comes from the
/// <c>severity</c> label when it is one of PagerDuty's four. Never throws: what it cannot read is an error.
/// </summary>
internal static class AlertmanagerParser
{
    public static AlertmanagerParse Parse(ReadOnlySpan<byte> body)
    {
        AlertmanagerNotification? read;
        try
        {
            read = JsonSerializer.Deserialize(body, AlertJsonContext.Default.AlertmanagerNotification);
        }
        catch (JsonException e)
        {
            return Invalid(AlertFields.WhereUnreadable(e) is { } field ? $"the body is not an Alertmanager notification: '{field}' could not be read" : "the body is not valid JSON");
        }

        if (read is null) return Invalid("the body is not an Alertmanager notification: expected a JSON object");
        if (read.Version != "4") return Invalid($"version must be \"4\" (Alertmanager's webhook version), not {(read.Version is null ? "missing" : $"\"{AlertFields.Line(read.Version, 20)}\"")}");
        if (read.Alerts is null) return Invalid("alerts is missing");

        var errors = new List<string>();
        var alerts = new List<AlertEvent>();
        for (var i = 0; i < read.Alerts.Count; i++)
        {
            if (read.Alerts[i] is not { } alert)
            {
                errors.Add($"alerts[{i}] is not an alert object");
                continue;
            }

            AlertAction? action = alert.Status switch { "firing" => AlertAction.Trigger, "resolved" => AlertAction.Resolve, _ => null };
            if (action is null) errors.Add($"alerts[{i}].status must be firing or resolved");
            if (string.IsNullOrWhiteSpace(alert.Fingerprint) || alert.Fingerprint.Length > AlertFields.MaxDedupKey)
                errors.Add($"alerts[{i}].fingerprint must be 1 to {AlertFields.MaxDedupKey} characters");
            if (errors.Count == 0) alerts.Add(ToAlert(action!.Value, alert, read.ExternalUrl));
        }

        return errors.Count > 0 ? new AlertmanagerParse([], errors) : new AlertmanagerParse(alerts, []);
    }

    private static AlertEvent ToAlert(AlertAction action, AlertmanagerAlert alert, string? externalUrl)
    {
        var labels = alert.Labels ?? new Dictionary<string, string>();
        var annotations = alert.Annotations ?? new Dictionary<string, string>();
        // Each candidate is judged as it will be shown, so one of only control characters falls through to the next.
        var title = Printable(annotations, "summary") ?? Printable(annotations, "description") ?? Printable(labels, "alertname") ?? AlertFields.Line($"Alert {alert.Fingerprint}", AlertFields.MaxSummary);
        var details = string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var links = new List<IncidentLink>();
        if (AlertFields.IsWebUrl(alert.GeneratorUrl)) links.Add(AlertFields.Link("Generator", "Generator", alert.GeneratorUrl!));
        if (AlertFields.IsWebUrl(externalUrl)) links.Add(AlertFields.Link("Alertmanager", "Alertmanager", externalUrl!));
        return new AlertEvent(
            action,
            alert.Fingerprint!,
            title,
            AlertFields.Severity(First(labels, "severity")),
            AlertFields.Line(details, AlertFields.MaxDetails),
            links);
    }

    private static string? First(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string? Printable(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && AlertFields.Line(value, AlertFields.MaxSummary) is { Length: > 0 } line ? line : null;

    private static AlertmanagerParse Invalid(string error) => new([], [error]);
}
