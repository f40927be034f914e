using SecBot.Chat.Inbound;
using System.Text.Json;

namespace SecBot.Teams.Activities;

/// <summary>
/// Reads the body Teams posts to <c>/api/messages</c>. Malformed JSON (an unpaired surrogate escape included), a body that
/// is not an object, one without a <c>type</c> string, a member of the wrong kind, a list holding a null, or a blank sender or
/// conversation id (nothing can be answered there) is a failure that says so; it never throws.
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

            if (root.Deserialize(TeamsActivityJsonContext.Default.Activity) is not { } activity) return ParseResult<Activity>.Failure($"{Subject} is null");
            if (activity.Value is { } value) EnsureText(value);
            if (ListHoldingNull(activity) is { } list) return ParseResult<Activity>.Failure($"{Subject} is malformed: {list} holds a null");
            return BlankId(activity) is { } id
                ? ParseResult<Activity>.Failure($"{Subject} is malformed: {id} is blank")
                : ParseResult<Activity>.Success(activity);
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

    // The reader refuses a null member where the record has none, but not a null element of a list.
    private static string? ListHoldingNull(Activity activity) =>
        activity.MembersAdded?.Any(m => m is null) == true ? "membersAdded"
        : activity.MembersRemoved?.Any(m => m is null) == true ? "membersRemoved"
        : activity.Entities?.Any(e => e is null) == true ? "entities"
        : activity.Attachments?.Any(a => a is null) == true ? "attachments"
        : null;

    // Present but blank: a reply to it could only fail, again and again, in the outbox.
    private static string? BlankId(Activity activity) =>
        IsBlank(activity.Conversation?.Id) ? "conversation.id" : IsBlank(activity.From?.Id) ? "from.id" : null;

    private static bool IsBlank(string? id) => id is not null && string.IsNullOrWhiteSpace(id);

    // The value is kept as raw JSON, whose strings are decoded only when read: one that is not text (an unpaired surrogate
    // escape) throws InvalidOperationException here, while parsing, instead of later in whatever reads the card action.
    private static void EnsureText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    EnsureText(member.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) EnsureText(item);
                break;
        }
    }
}
