using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecBot.Host.Tests.Support;

/// <summary>Writes a copy of the shipped policy, optionally edited, for a test to start the host with.</summary>
internal static class PolicyFile
{
    public static string WriteCopy(TempDirectory dir, Action<JsonNode>? edit = null)
    {
        var root = JsonNode.Parse(System.IO.File.ReadAllText(RepoPaths.Settings))!;
        edit?.Invoke(root);
        var path = dir.File("settings.json");
        System.IO.File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
