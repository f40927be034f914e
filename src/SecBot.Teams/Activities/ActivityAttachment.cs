using System.Text.Json;

namespace SecBot.Teams.Activities;

/// <summary>An attachment: inbound, the <c>text/html</c> echo of a message; outbound, an Adaptive Card.</summary>
public sealed record ActivityAttachment
{
    public string? ContentType { get; init; }
    public JsonElement? Content { get; init; }
    public string? Name { get; init; }
}
