using System.Text.Json;
using SecBot.Storage.Delivery;

namespace SecBot.Chat.Delivery;

/// <summary>
/// What an outbox row is about, read from its payload's top-level <c>subject</c> (cards, card refreshes and Gate API
/// callbacks all write one: <c>INC-n</c>, <c>REV-n</c>); null for a row that names nothing or does not parse.
/// </summary>
public static class OutboxSubject
{
    public static string? Of(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Of(entry.Payload);
    }

    public static string? Of(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("subject", out var subject)
                && subject.ValueKind == JsonValueKind.String
                    ? subject.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
