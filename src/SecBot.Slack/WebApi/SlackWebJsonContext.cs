using System.Text.Json;
using System.Text.Json.Serialization;
using SecBot.Slack.BlockKit;
using SecBot.Slack.Delivery;

namespace SecBot.Slack.WebApi;

/// <summary>
/// Source-generated JSON for what SecBot sends to Slack (Web API bodies, Block Kit, HTTP responses) and reads
/// back from it (Web API answers). Lenient on input: answers carry many members SecBot never reads.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PostMessageRequest))]
[JsonSerializable(typeof(UpdateMessageRequest))]
[JsonSerializable(typeof(PostEphemeralRequest))]
[JsonSerializable(typeof(ConversationsOpenRequest))]
[JsonSerializable(typeof(ResponseUrlRequest))]
[JsonSerializable(typeof(ConversationsCreateRequest))]
[JsonSerializable(typeof(ConversationsInviteRequest))]
[JsonSerializable(typeof(ViewsOpenRequest))]
[JsonSerializable(typeof(ViewsPublishRequest))]
[JsonSerializable(typeof(SlackApiResponse))]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(ConversationsOpenResponse))]
[JsonSerializable(typeof(ConnectionsOpenResponse))]
[JsonSerializable(typeof(ChannelResponse))]
[JsonSerializable(typeof(ViewResponse))]
[JsonSerializable(typeof(UserLookupResponse))]
[JsonSerializable(typeof(MessageContent))]
[JsonSerializable(typeof(ViewDefinition))]
[JsonSerializable(typeof(SlackOutboxItem))]
[JsonSerializable(typeof(IncidentChannelItem))]
[JsonSerializable(typeof(SecBot.Slack.Rendering.ButtonForm))]
[JsonSerializable(typeof(SecBot.Slack.Rendering.ModalState))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Responses.SlashCommandResponse))]
[JsonSerializable(typeof(Responses.ViewSubmissionResponse))]
[JsonSerializable(typeof(Responses.ChallengeResponse))]
[JsonSerializable(typeof(Responses.OptionsResponse))]
public sealed partial class SlackWebJsonContext : JsonSerializerContext;
