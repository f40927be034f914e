using SecBot.Chat.Inbound;
using System.Text.Json;

namespace SecBot.Slack.Payloads;

/// <summary>
/// Reads a JSON object whose <c>type</c> member says what it is (slack-protocol.md §2: "dispatch on the JSON
/// <c>type</c>"). Malformed JSON (including strings with an unpaired surrogate) and shapes that do not fit the record become a
/// failure, never an exception.
/// </summary>
internal static class TypedJsonDocument
{
    public static ParseResult<T> Parse<T>(ReadOnlyMemory<byte> json, string subject, Func<string, JsonElement, T> read)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Dispatch(document.RootElement, subject, read);
        }
        catch (JsonException exception)
        {
            return ParseResult<T>.Failure($"{subject} is malformed: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            // Reading a string with an unpaired surrogate escape (e.g. "\ud800") throws this, not a JsonException.
            return ParseResult<T>.Failure($"{subject} is malformed: {exception.Message}");
        }
    }

    public static ParseResult<T> Parse<T>(string json, string subject, Func<string, JsonElement, T> read)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Dispatch(document.RootElement, subject, read);
        }
        catch (JsonException exception)
        {
            return ParseResult<T>.Failure($"{subject} is malformed: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            // Reading a string with an unpaired surrogate escape (e.g. "\ud800") throws this, not a JsonException.
            return ParseResult<T>.Failure($"{subject} is malformed: {exception.Message}");
        }
    }

    private static ParseResult<T> Dispatch<T>(JsonElement root, string subject, Func<string, JsonElement, T> read)
        where T : class
    {
        if (root.ValueKind != JsonValueKind.Object) return ParseResult<T>.Failure($"{subject} is not a JSON object");
        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return ParseResult<T>.Failure($"{subject} has no \"type\" string");
        }

        return ParseResult<T>.Success(read(type.GetString()!, root));
    }
}
