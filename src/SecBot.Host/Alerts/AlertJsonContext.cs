using System.Text.Json.Serialization;

namespace SecBot.Host.Alerts;

/// <summary>Source-generated JSON for the alert endpoints. Property names are the senders' own (snake_case, camelCase).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PagerDutyEvent))]
[JsonSerializable(typeof(PagerDutyAccepted))]
[JsonSerializable(typeof(PagerDutyRejected))]
[JsonSerializable(typeof(AlertmanagerNotification))]
[JsonSerializable(typeof(AlertmanagerAccepted))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
