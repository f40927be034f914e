using System.Text;
using System.Text.Json.Nodes;

namespace SecBot.Testing.Fuzz;

/// <summary>How a field a parser needs is broken: gone, null, of another JSON kind, or blank.</summary>
internal enum FieldBreak
{
    Removed,
    Null,
    Number,
    Array,
    Object,
    Text,
    Blank,
}

/// <summary>A real payload with one field the parser needs broken; <see cref="ToString"/> names it for a failing property.</summary>
internal sealed record BrokenField(string Fixture, IReadOnlyList<string> Path, FieldBreak Break, byte[] Body)
{
    public override string ToString() => $"{Fixture}: {string.Join('.', Path)} {Break}";

    /// <summary>Each of <paramref name="breaks"/> applied to <paramref name="path"/> in <paramref name="json"/>; none when the capture has no such field.</summary>
    public static IEnumerable<BrokenField> Of(string fixture, byte[] json, IReadOnlyList<string> path, params FieldBreak[] breaks)
    {
        foreach (var kind in breaks)
        {
            var root = JsonNode.Parse(json)!;
            if (JsonSlot.At(root, path) is not { } slot) yield break;
            if (kind == FieldBreak.Removed) slot.Remove();
            else slot.Set(kind switch
            {
                FieldBreak.Null => null,
                FieldBreak.Number => JsonValue.Create(42),
                FieldBreak.Array => new JsonArray("x"),
                FieldBreak.Object => new JsonObject { ["id"] = "x" },
                FieldBreak.Text => JsonValue.Create("x"),
                _ => JsonValue.Create(" "),
            });
            yield return new BrokenField(fixture, path, kind, Encoding.UTF8.GetBytes(root.ToJsonString()));
        }
    }
}
