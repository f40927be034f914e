using System.Text.Json.Nodes;
using SecBot.Teams.Activities;
using SecBot.Testing;

namespace SecBot.Teams.Tests.Support;

/// <summary>The real Teams payloads (<see cref="FixtureFolder.Teams"/>, with their README), and the activities they parse to.</summary>
internal static class TeamsFixtures
{
    public static string Directory => FixtureFolder.Teams.Directory;

    public static string Text(string name) => FixtureFolder.Teams.Text(name);

    /// <summary>A fixture as a mutable JSON tree, for tests that change one member of a real payload.</summary>
    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();

    public static Activity Activity(string name) => Parse(FixtureFolder.Teams.Bytes(name));

    public static Activity Parse(JsonNode json) => Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static Activity Parse(byte[] json)
    {
        var parsed = ActivityParser.Parse(json);
        Assert.True(parsed.IsSuccess, parsed.Error);
        return parsed.Value;
    }
}
