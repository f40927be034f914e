using System.Text;
using System.Text.Json.Nodes;

namespace SecBot.Testing.Fuzz;

/// <summary>
/// Spoils a real JSON payload one way at a time, deterministically for a given <see cref="Random"/>: the body stays a real
/// capture everywhere but at the one place the mutation picked, so it reaches as deep into a parser as the capture does.
/// </summary>
internal static class JsonMutator
{
    public static readonly JsonMutation[] All = Enum.GetValues<JsonMutation>();

    // A member name no capture has; written once into the tree and then replaced in the text by what JsonNode cannot hold.
    private const string Marker = "zz_fuzz_marker_zz";

    public static byte[] Apply(JsonMutation mutation, byte[] seed, Random random)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(random);
        if (mutation == JsonMutation.Truncate) return seed.Length == 0 ? seed : seed[..random.Next(seed.Length)];
        if (mutation == JsonMutation.FlipBytes) return ByteMutator.Flip(seed, random);
        if (mutation == JsonMutation.InvalidUtf8Anywhere) return ByteMutator.InsertInvalidUtf8(seed, random);
        if (mutation == JsonMutation.NotAnObject) return Encoding.UTF8.GetBytes(random.Next(4) switch { 0 => "[" + Encoding.UTF8.GetString(seed) + "]", 1 => "null", 2 => "\"text\"", _ => "" });

        if (Tree(seed) is not { } root) return ByteMutator.Flip(seed, random);
        var slots = JsonSlot.AllIn(root);
        if (slots.Count == 0) return seed;
        var slot = slots[random.Next(slots.Count)];
        return mutation switch
        {
            JsonMutation.DropMember => Written(root, () => slot.Remove()),
            JsonMutation.NullMember => Written(root, () => slot.Set(null)),
            JsonMutation.WrongType => Written(root, () => slot.Set(WrongKind(slot.Value, random))),
            JsonMutation.BlankString => Written(root, () => slot.Set(random.Next(3) switch { 0 => "", 1 => " ", _ => "\t\n" })),
            JsonMutation.HugeString => Written(root, () => slot.Set(new string((char)('a' + random.Next(26)), random.Next(64 * 1024, 400 * 1024)))),
            JsonMutation.ArbitraryString => Written(root, () => slot.Set(ArbitraryText.Next(random))),
            JsonMutation.UnpairedSurrogateEscape => Replaced(root, slot, "\"\\ud800x\\udc00\""u8.ToArray()),
            JsonMutation.InvalidUtf8InString => Replaced(root, slot, [(byte)'"', .. ByteMutator.InvalidUtf8(random), (byte)'"']),
            JsonMutation.DuplicateKey => Duplicated(root, slots, random),
            JsonMutation.DeepNesting => Replaced(root, slot, Nested(random)),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };
    }

    // A seed that is not JSON (a form body) gets byte-level damage instead.
    private static JsonNode? Tree(byte[] seed)
    {
        try
        {
            return JsonNode.Parse(seed);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Any of <see cref="All"/>, picked by <paramref name="random"/>.</summary>
    public static byte[] Any(byte[] seed, Random random) => Apply(All[random.Next(All.Length)], seed, random);

    private static byte[] Written(JsonNode root, Action change)
    {
        change();
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // JsonNode holds only well-formed values, so the raw bytes go in by replacing a marker value in the written text.
    private static byte[] Replaced(JsonNode root, JsonSlot slot, byte[] raw)
    {
        slot.Set(Marker);
        var text = Encoding.UTF8.GetBytes(root.ToJsonString());
        var marker = Encoding.UTF8.GetBytes("\"" + Marker + "\"");
        var at = text.AsSpan().IndexOf(marker);
        return [.. text[..at], .. raw, .. text[(at + marker.Length)..]];
    }

    // An object member written twice: the second time with another value, as a sender that repeats keys does.
    private static byte[] Duplicated(JsonNode root, IReadOnlyList<JsonSlot> slots, Random random)
    {
        var members = slots.Where(s => s.Name is not null).ToList();
        if (members.Count == 0) return Encoding.UTF8.GetBytes(root.ToJsonString());
        var member = members[random.Next(members.Count)];
        var parent = member.Parent.AsObject();
        parent[Marker] = 0;
        var text = root.ToJsonString();
        var repeat = System.Text.Json.JsonSerializer.Serialize(member.Name) + ":" + (WrongKind(member.Value, random)?.ToJsonString() ?? "null");
        return Encoding.UTF8.GetBytes(text.Replace($"\"{Marker}\":0", repeat, StringComparison.Ordinal));
    }

    private static JsonNode? WrongKind(JsonNode? value, Random random)
    {
        JsonNode?[] others =
        [
            JsonValue.Create(7), JsonValue.Create(-1.5e308), JsonValue.Create(true), JsonValue.Create("text"), new JsonArray(),
            new JsonObject(), new JsonArray(1, "a", null), new JsonObject { ["type"] = 7 }, JsonValue.Create(long.MaxValue),
        ];
        var kind = value?.GetValueKind();
        var candidates = others.Where(o => o!.GetValueKind() != kind).ToArray();
        return candidates[random.Next(candidates.Length)];
    }

    // Deeper than System.Text.Json's default limit of 64 sometimes, just under it other times.
    private static byte[] Nested(Random random)
    {
        var depth = random.Next(2) == 0 ? random.Next(30, 64) : random.Next(65, 5_000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
    }
}
