using SecBot.Chat.Inbound;
using System.Text.Json;

namespace SecBot.Teams.Activities;

/// <summary>
/// Reads the body Teams posts to <c>/api/messages</c>. Malformed JSON (an unpaired surrogate escape included), a body that
/// is not an object, one without a <c>type</c> string, or a member of the wrong kind is a failure that says so; it never throws.
/// </summary>
public static class ActivityParser
{
    private const string Subject = "activity";

    public static ParseResult<Activity> Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ParseResult<Activity>.Failure($"{Subject} is not a JSON object");
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
            {
                return ParseResult<Activity>.Failure($"{Subject} has no \"type\" string");
            }

            return root.Deserialize(TeamsActivityJsonContext.Default.Activity) is { } activity
                ? ParseResult<Activity>.Success(activity)
                : ParseResult<Activity>.Failure($"{Subject} is null");
        }
        catch (JsonException exception)
        {
            return ParseResult<Activity>.Failure($"{Subject} is malformed: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            // Reading a string with an unpaired surrogate escape (e.g. "\ud800") throws this, not a JsonException.
            return ParseResult<Activity>.Failure($"{Subject} is malformed: {exception.Message}");
        }
    }
}
