using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SecBot.Slack.Payloads.Events;

/// <summary>Reads an inner event object into the record for its <c>type</c> (slack-protocol.md §4).</summary>
internal static class SlackEventReader
{
    public static SlackEvent Read(string type, JsonElement element, JsonSerializerOptions options) => type switch
    {
        "app_mention" => Read<AppMentionEvent>(element, options),
        "message" => Read<MessageEvent>(element, options),
        "app_home_opened" => Read<AppHomeOpenedEvent>(element, options),
        _ => new UnknownSlackEvent
        {
            Type = type,
            EventTs = element.TryGetProperty("event_ts", out var ts) && ts.ValueKind == JsonValueKind.String ? ts.GetString() : null,
        },
    };

    private static T Read<T>(JsonElement element, JsonSerializerOptions options)
        where T : SlackEvent =>
        element.Deserialize((JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)))
        ?? throw new JsonException($"event of type {typeof(T).Name} is null");
}
