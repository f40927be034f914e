using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecBot.Slack.Payloads.Events;

/// <summary>
/// Reads <c>event_callback.event</c> by its <c>type</c> member wherever that member appears in the object;
/// Slack does not put it first (slack-protocol.md §4, fixture <c>event_callback.app_mention.json</c>).
/// </summary>
internal sealed class SlackEventConverter : JsonConverter<SlackEvent>
{
    public override SlackEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("event is not a JSON object");
        var type = root.TryGetProperty("type", out var member) && member.ValueKind == JsonValueKind.String ? member.GetString()! : "";
        return SlackEventReader.Read(type, root, options);
    }

    public override void Write(Utf8JsonWriter writer, SlackEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
    }
}
