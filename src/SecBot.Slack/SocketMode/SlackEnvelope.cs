using System.Text.Json;

namespace SecBot.Slack.SocketMode;

/// <summary>
/// One message Slack sends over a Socket Mode connection: <c>hello</c>, <c>disconnect</c> (with its <c>reason</c>), or an
/// envelope (<c>slash_commands</c>, <c>interactive</c>, <c>events_api</c>) carrying the same <c>payload</c> the HTTP request
/// would, under an <c>envelope_id</c> that must be acknowledged.
/// </summary>
internal sealed record SlackEnvelope(string Type, string? EnvelopeId, string? PayloadJson, bool AcceptsResponsePayload, string? Reason)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
    public const string EventsApi = "events_api";

    /// <summary>The message, or null when it is not a JSON object with a <c>type</c>, or holds text that is not UTF-8.</summary>
    public static SlackEnvelope? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "type") is not { } type) return null;
            var payload = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p.GetRawText() : null;
            var accepts = root.TryGetProperty("accepts_response_payload", out var a) && a.ValueKind == JsonValueKind.True;
            return new SlackEnvelope(type, String(root, "envelope_id"), payload, accepts, String(root, "reason"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Reading a string that is not UTF-8 throws InvalidOperationException, not JsonException.
            return null;
        }
    }

    /// <summary>
    /// A slash command's payload as the fields of the HTTP form it replaces (the same names, values as text); null when a
    /// name or value is not text (an unpaired surrogate escape such as <c>"\ud800"</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Fields(string payloadJson)
    {
        using var document = JsonDocument.Parse(payloadJson);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var member in document.RootElement.EnumerateObject())
            {
                fields[member.Name] = member.Value.ValueKind switch
                {
                    JsonValueKind.String => member.Value.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => "",
                    _ => member.Value.GetRawText(),
                };
            }
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        return fields;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
