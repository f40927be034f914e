using SecBot.Chat.Inbound;
using System.Text.Json;

namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>
/// Parses interactivity requests (slack-protocol.md §2): a form with a single <c>payload</c> field holding
/// URL-encoded JSON, dispatched on its <c>type</c>.
/// </summary>
public static class InteractionParser
{
    public const string PayloadField = "payload";

    private const string Subject = "interactivity payload";

    public static ParseResult<InteractionPayload> ParseForm(string formBody)
    {
        ArgumentNullException.ThrowIfNull(formBody);
        var fields = FormFields.Parse(formBody);
        return fields.TryGetValue(PayloadField, out var json) && !string.IsNullOrWhiteSpace(json)
            ? ParseJson(json)
            : ParseResult<InteractionPayload>.Failure($"interactivity body has no {PayloadField} field");
    }

    /// <summary>Parses the already decoded JSON of the <c>payload</c> field.</summary>
    public static ParseResult<InteractionPayload> ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TypedJsonDocument.Parse(json, Subject, Read);
    }

    private static InteractionPayload Read(string type, JsonElement root) => type switch
    {
        "block_actions" => root.Deserialize(SlackInboundJsonContext.Default.BlockActionsPayload)!,
        "view_submission" => root.Deserialize(SlackInboundJsonContext.Default.ViewSubmissionPayload)!,
        "shortcut" => root.Deserialize(SlackInboundJsonContext.Default.ShortcutPayload)!,
        _ => new UnknownInteractionPayload { Type = type },
    };
}
