using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecBot.Teams.Connector;

/// <summary>
/// Reads an error answer's code and message, leniently, in every shape seen (teams-protocol.md §3): the Connector's
/// <c>ErrorResponse {error:{code,message}}</c>; Teams' <c>{"errorCode":209,"message":"&lt;JSON with subCode&gt;"}</c>; the
/// identity platform's <c>{error, error_description}</c>; anything else falls back to <c>http_{status}</c>.
/// </summary>
internal static class ConnectorErrorBody
{
    private const int MaxMessageLength = 300;

    public static (string Code, string Message) Parse(int status, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fallback = "http_" + status.ToString(CultureInfo.InvariantCulture);
        if (TryParseObject(body) is not { } root) return (fallback, Shorten(Encoding.UTF8.GetString(body)));
        switch (root["error"])
        {
            case JsonObject error:
                return (StringOf(error["code"]) ?? fallback, StringOf(error["message"]) ?? "");
            case JsonValue error when StringOf(error) is { } code:
                return (code, StringOf(root["error_description"]) ?? "");
        }

        if (root["errorCode"] is { } teamsCode)
        {
            var message = StringOf(root["message"]) ?? "";
            // Teams nests the real reason as a JSON document inside the message string.
            if (TryParseObject(Encoding.UTF8.GetBytes(message)) is { } inner && StringOf(inner["subCode"]) is { } subCode)
            {
                return (subCode, StringOf(inner["details"]) ?? message);
            }

            return (StringOf(teamsCode) ?? fallback, message);
        }

        return (fallback, StringOf(root["message"]) ?? StringOf(root["Message"]) ?? "");
    }

    private static JsonObject? TryParseObject(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Codes come as strings or numbers (errorCode 209); either reads as text.
    private static string? StringOf(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static string Shorten(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "…";
}
