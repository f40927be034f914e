using System.Text;

namespace SecBot.Host.Tests.Fuzz;

/// <summary>One request of a fuzz run: its body and content type, and what was done to the seed, to name it when it fails.</summary>
internal sealed record FuzzRequest(int Number, byte[] Body, string? ContentType, string Made)
{
    public override string ToString()
    {
        var shown = Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)));
        return $"#{Number} ({Made}, {Body.Length} bytes, {ContentType ?? "no content type"}): {shown}";
    }
}
