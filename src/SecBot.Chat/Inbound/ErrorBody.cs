using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SecBot.Chat.Inbound;

/// <summary>
/// SecBot's one error body, <c>{"error":"…"}</c>, for every refusal an endpoint answers itself (400, 401, 403, 408, 413,
/// 429: contract.md "Guarantees"), whichever adapter or feature refuses. PagerDuty's own 400 shape is the one exception.
/// </summary>
public sealed record ErrorBody([property: JsonPropertyName("error")] string Error)
{
    public static JsonTypeInfo<ErrorBody> JsonInfo => ErrorBodyJsonContext.Default.ErrorBody;
}

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyJsonContext : JsonSerializerContext;
