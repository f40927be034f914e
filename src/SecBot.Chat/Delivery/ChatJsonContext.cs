using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecBot.Chat.Delivery;

/// <summary>Source-generated JSON for outbox payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboundMessage))]
[JsonSerializable(typeof(CardRefresh))]
public sealed partial class ChatJsonContext : JsonSerializerContext;
