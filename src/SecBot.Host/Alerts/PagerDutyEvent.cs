using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecBot.Host.Alerts;

/// <summary>A PagerDuty Events API v2 alert event, as sent to <c>POST /alerts/v2/enqueue</c>.</summary>
public sealed record PagerDutyEvent(
    [property: JsonPropertyName("routing_key")] string? RoutingKey,
    [property: JsonPropertyName("event_action")] string? EventAction,
    [property: JsonPropertyName("dedup_key")] string? DedupKey,
    [property: JsonPropertyName("payload")] PagerDutyPayload? Payload,
    [property: JsonPropertyName("links")] IReadOnlyList<PagerDutyLink?>? Links,
    [property: JsonPropertyName("images")] IReadOnlyList<PagerDutyImage?>? Images,
    [property: JsonPropertyName("client")] string? Client,
    [property: JsonPropertyName("client_url")] string? ClientUrl);

public sealed record PagerDutyPayload(
    [property: JsonPropertyName("summary")] string? Summary,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("severity")] string? Severity,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("component")] string? Component,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("class")] string? Class,
    [property: JsonPropertyName("custom_details")] JsonElement? CustomDetails);

public sealed record PagerDutyLink(
    [property: JsonPropertyName("href")] string? Href,
    [property: JsonPropertyName("text")] string? Text);

public sealed record PagerDutyImage(
    [property: JsonPropertyName("src")] string? Src,
    [property: JsonPropertyName("href")] string? Href,
    [property: JsonPropertyName("alt")] string? Alt);

/// <summary>202: the event is committed.</summary>
public sealed record PagerDutyAccepted(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("dedup_key")] string DedupKey);

/// <summary>400: nothing was recorded; <see cref="Errors"/> names each problem.</summary>
public sealed record PagerDutyRejected(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors);
