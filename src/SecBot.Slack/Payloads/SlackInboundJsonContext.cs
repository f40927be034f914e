using System.Text.Json;
using System.Text.Json.Serialization;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;

namespace SecBot.Slack.Payloads;

/// <summary>
/// Source-generated JSON for what Slack sends us (slack-protocol.md §2). Strict on purpose: a missing required
/// member or a null where none is allowed is a malformed body (400), never a null reference later (500).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BlockActionsPayload))]
[JsonSerializable(typeof(ViewSubmissionPayload))]
[JsonSerializable(typeof(ShortcutPayload))]
[JsonSerializable(typeof(UrlVerificationPayload))]
[JsonSerializable(typeof(EventCallbackPayload))]
[JsonSerializable(typeof(AppMentionEvent))]
[JsonSerializable(typeof(MessageEvent))]
[JsonSerializable(typeof(AppHomeOpenedEvent))]
[JsonSerializable(typeof(UnknownSlackEvent))]
internal sealed partial class SlackInboundJsonContext : JsonSerializerContext;
