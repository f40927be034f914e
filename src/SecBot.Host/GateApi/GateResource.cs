using System.Text.Json.Serialization;

namespace SecBot.Host.GateApi;

/// <summary>
/// A gate as the Gate API shows it (contract.md "Gate API"): where it stands, and every seat of every stage of its
/// type with who signed it and how, for the current revision. The same JSON answers GET and is POSTed to the callback.
/// </summary>
public sealed record GateResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("revision")] int Revision,
    [property: JsonPropertyName("stage")] int Stage,
    [property: JsonPropertyName("seats")] IReadOnlyList<SeatResource> Seats,
    [property: JsonPropertyName("url")] string Url);

/// <summary>
/// One seat of one stage: required or optional; <see cref="SignedBy"/> is the person id who signed it in the current
/// revision (null while nobody has), <see cref="Decision"/> the ledger's word for how (<c>approve</c>, <c>reject</c>,
/// <c>override</c>, <c>object</c>, <c>comment</c>).
/// </summary>
public sealed record SeatResource(
    [property: JsonPropertyName("seat")] string Seat,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("stage")] int Stage,
    [property: JsonPropertyName("signed_by")] string? SignedBy,
    [property: JsonPropertyName("decision")] string? Decision);

/// <summary>The body of <c>POST /api/gates</c>.</summary>
public sealed record OpenGateBody(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("requested_by")] string? RequestedBy,
    [property: JsonPropertyName("details_url")] string? DetailsUrl = null,
    [property: JsonPropertyName("callback_url")] string? CallbackUrl = null);

[JsonSerializable(typeof(GateResource))]
[JsonSerializable(typeof(OpenGateBody))]
[JsonSerializable(typeof(GateCallback))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class GateApiJsonContext : JsonSerializerContext;
