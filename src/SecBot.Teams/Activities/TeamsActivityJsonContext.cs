using System.Text.Json.Serialization;

namespace SecBot.Teams.Activities;

/// <summary>
/// Source-generated JSON for activities (camelCase, as the Bot Framework writes them). A member of the wrong JSON kind
/// is a malformed activity; members SecBot does not model are skipped.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
internal sealed partial class TeamsActivityJsonContext : JsonSerializerContext;
