using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecBot.Testing.Fuzz;

/// <summary>
/// Writes a JSON payload another way that means the same: members in another order, indented or not, characters escaped
/// as <c>\uXXXX</c> or not. A parser must read the rewrite exactly as it reads the original.
/// </summary>
internal static class JsonRewriter
{
    public static byte[] Equivalent(byte[] json, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var root = Shuffled(JsonNode.Parse(json), random);
        var options = new JsonSerializerOptions
        {
            WriteIndented = random.Next(2) == 0,
            Encoder = random.Next(2) == 0 ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return Encoding.UTF8.GetBytes(root?.ToJsonString(options) ?? "null");
    }

    private static JsonNode? Shuffled(JsonNode? node, Random random) => node switch
    {
        JsonObject o => new JsonObject(o.Select(m => KeyValuePair.Create(m.Key, Shuffled(m.Value?.DeepClone(), random))).OrderBy(_ => random.Next()).ToList()),
        JsonArray a => new JsonArray([.. a.Select(e => Shuffled(e?.DeepClone(), random))]),
        _ => node?.DeepClone(),
    };
}
