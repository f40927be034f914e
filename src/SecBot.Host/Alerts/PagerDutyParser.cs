using System.Text.Json;
using SecBot.Chat.Alerts;
using SecBot.Domain.Incidents;

namespace SecBot.Host.Alerts;

/// <summary>
/// Reads a PagerDuty Events API v2 alert event by PagerDuty's rules: routing_key and event_action always;
/// dedup_key (at most 255 characters) for acknowledge and resolve, generated for a trigger without one; for a
/// trigger, payload.summary (at most 1024 characters), payload.source and payload.severity (critical, error, warning,
/// info). Links and images must be absolute http(s) URLs. Never throws: what it cannot read is an error.
/// </summary>
internal static class PagerDutyParser
{
    public const string DefaultSourceName = "PagerDuty Events v2";

    public static PagerDutyParse Parse(ReadOnlySpan<byte> body, Func<string> newDedupKey)
    {
        ArgumentNullException.ThrowIfNull(newDedupKey);
        PagerDutyEvent? read;
        try
        {
            read = JsonSerializer.Deserialize(body, AlertJsonContext.Default.PagerDutyEvent);
        }
        catch (JsonException e)
        {
            return Invalid(null, $"The body is not a PagerDuty event: {Where(e)}");
        }

        return read is null ? Invalid(null, "The body is not a PagerDuty event: expected a JSON object.") : Check(read, newDedupKey);
    }

    private static PagerDutyParse Check(PagerDutyEvent read, Func<string> newDedupKey)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(read.RoutingKey)) errors.Add("'routing_key' is missing.");
        AlertAction? action = read.EventAction switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            _ => null,
        };
        if (action is null) errors.Add(read.EventAction is null ? "'event_action' is missing; use trigger, acknowledge or resolve." : "'event_action' must be trigger, acknowledge or resolve.");

        var dedupKey = read.DedupKey;
        if (dedupKey is not null && (dedupKey.Length > AlertFields.MaxDedupKey || string.IsNullOrWhiteSpace(dedupKey)))
            errors.Add($"'dedup_key' must be 1 to {AlertFields.MaxDedupKey} characters, not all blank.");
        if (dedupKey is null && action is AlertAction.Acknowledge or AlertAction.Resolve) errors.Add($"'dedup_key' is missing: {read.EventAction} needs the dedup_key of the trigger.");

        var payload = read.Payload;
        if (action == AlertAction.Trigger)
        {
            if (payload is null) errors.Add("'payload' is missing: a trigger needs payload.summary, payload.source and payload.severity.");
            else
            {
                // Judged as it will be shown: a summary of only control characters would give an incident no title.
                if (string.IsNullOrWhiteSpace(payload.Summary)) errors.Add("'payload.summary' is missing.");
                else if (AlertFields.Line(payload.Summary, AlertFields.MaxSummary).Length == 0) errors.Add("'payload.summary' has no printable text: an incident needs a title.");
                else if (payload.Summary.Length > AlertFields.MaxSummary) errors.Add($"'payload.summary' is longer than {AlertFields.MaxSummary} characters.");
                if (string.IsNullOrWhiteSpace(payload.Source)) errors.Add("'payload.source' is missing.");
                if (AlertFields.Severity(payload.Severity) is null) errors.Add("'payload.severity' must be one of critical, error, warning, info.");
            }
        }

        var links = Links(read, errors);
        var details = Details(payload, errors);
        if (errors.Count > 0) return new PagerDutyParse(read.RoutingKey, null, null, false, errors);

        var generated = dedupKey is null;
        dedupKey ??= newDedupKey();
        var sourceName = string.IsNullOrWhiteSpace(read.Client) ? DefaultSourceName : AlertFields.Line(read.Client, 64);
        var alert = new AlertEvent(
            action!.Value,
            dedupKey,
            AlertFields.Line(payload?.Summary, AlertFields.MaxSummary),
            AlertFields.Severity(payload?.Severity),
            details,
            links);
        return new PagerDutyParse(read.RoutingKey, alert, sourceName, generated, []);
    }

    private static List<IncidentLink> Links(PagerDutyEvent read, List<string> errors)
    {
        var links = new List<IncidentLink>();
        if (read.ClientUrl is not null)
        {
            if (AlertFields.IsWebUrl(read.ClientUrl)) links.Add(AlertFields.Link(read.Client, "Source", read.ClientUrl));
            else errors.Add("'client_url' must be an absolute http or https URL.");
        }

        for (var i = 0; i < (read.Links?.Count ?? 0); i++)
        {
            if (read.Links![i] is { } link && AlertFields.IsWebUrl(link.Href)) links.Add(AlertFields.Link(link.Text, "Link", link.Href!));
            else errors.Add($"'links[{i}].href' must be an absolute http or https URL.");
        }

        for (var i = 0; i < (read.Images?.Count ?? 0); i++)
        {
            if (read.Images![i] is not { } image || !AlertFields.IsWebUrl(image.Src)) errors.Add($"'images[{i}].src' must be an absolute http or https URL.");
            else if (image.Href is not null && !AlertFields.IsWebUrl(image.Href)) errors.Add($"'images[{i}].href' must be an absolute http or https URL.");
            else links.Add(AlertFields.Link(image.Alt, "Image", image.Href ?? image.Src!));
        }

        if (links.Count > AlertFields.MaxLinks) errors.Add($"At most {AlertFields.MaxLinks} links, images and client_url together.");
        return links;
    }

    private static string Details(PagerDutyPayload? payload, List<string> errors)
    {
        if (payload is null) return "";
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(payload.Source)) parts.Add($"source {payload.Source}");
        if (!string.IsNullOrWhiteSpace(payload.Component)) parts.Add($"component {payload.Component}");
        if (!string.IsNullOrWhiteSpace(payload.Group)) parts.Add($"group {payload.Group}");
        if (!string.IsNullOrWhiteSpace(payload.Class)) parts.Add($"class {payload.Class}");
        if (payload.CustomDetails is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } custom)
        {
            if (RawText(custom) is { } text) parts.Add($"details {text}");
            else errors.Add("'payload.custom_details' could not be read: it is not valid UTF-8.");
        }

        return AlertFields.Line(string.Join(", ", parts), AlertFields.MaxDetails);
    }

    // A JsonElement keeps its strings as the bytes sent, unchecked: invalid UTF-8 surfaces only when they are read as text.
    private static string? RawText(JsonElement element)
    {
        try
        {
            return element.GetRawText();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static PagerDutyParse Invalid(string? routingKey, string error) => new(routingKey, null, null, false, [error]);

    private static string Where(JsonException e) =>
        AlertFields.WhereUnreadable(e) is { } field ? $"'{field}' (line {e.LineNumber + 1}) could not be read" : "it is not valid JSON";
}
