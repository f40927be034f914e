using System.Text.Json.Serialization;

namespace SecBot.Host.Alerts;

/// <summary>Alertmanager's webhook notification, version 4: one group of alerts, as sent to <c>POST /alerts/alertmanager</c>.</summary>
public sealed record AlertmanagerNotification(
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("groupKey")] string? GroupKey,
    [property: JsonPropertyName("truncatedAlerts")] int? TruncatedAlerts,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("receiver")] string? Receiver,
    [property: JsonPropertyName("externalURL")] string? ExternalUrl,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertmanagerAlert?>? Alerts);

public sealed record AlertmanagerAlert(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations,
    [property: JsonPropertyName("startsAt")] string? StartsAt,
    [property: JsonPropertyName("endsAt")] string? EndsAt,
    [property: JsonPropertyName("generatorURL")] string? GeneratorUrl,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint);

/// <summary>200: every alert of the notification is committed.</summary>
public sealed record AlertmanagerAccepted(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("alerts")] int Alerts);

