using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecBot.Teams.Delivery;

/// <summary>Source-generated JSON for Teams' own outbox rows.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TeamsOutboxItem))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
