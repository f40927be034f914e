using System.Text.Json.Serialization;

namespace SecBot.Slack.Endpoints;

/// <summary>Source-generated JSON for the few endpoint-side shapes (the digest of a modal's values).</summary>
[JsonSerializable(typeof(string[][]))]
internal sealed partial class SlackEndpointJsonContext : JsonSerializerContext;
