using System.Text.Json.Nodes;
using SecBot.Domain.Tests.Policy;
using SecBot.Teams.Activities;

namespace SecBot.Teams.Tests.Support;

/// <summary>
/// The real Teams payloads (shared/fixtures/teams, with their README): <c>tests/fixtures/teams</c> in the repository when
/// they are copied there, else the shared folder beside the repository (<c>../shared</c>, as a work tree and CI have it).
/// </summary>
internal static class TeamsFixtures
{
    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>A fixture as a mutable JSON tree, for tests that change one member of a real payload.</summary>
    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();

    public static Activity Activity(string name) => Parse(Bytes(name));

    public static Activity Parse(JsonNode json) => Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static Activity Parse(byte[] json)
    {
        var parsed = ActivityParser.Parse(json);
        Assert.True(parsed.IsSuccess, parsed.Error);
        return parsed.Value;
    }

    private static string Find()
    {
        var root = RepositoryRoot.Find();
        string[] candidates = [Path.Combine(root, "tests", "fixtures", "teams"), Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures", "teams"))];
        return candidates.FirstOrDefault(System.IO.Directory.Exists)
            ?? throw new InvalidOperationException("Teams fixtures not found in " + string.Join(" or ", candidates));
    }
}
