namespace SecBot.Testing.Slack;

/// <summary>The Slack wire fixtures: real payloads from Slack's own material (<see cref="FixtureFolder.Slack"/>).</summary>
internal static class SlackFixtures
{
    public static string Directory => FixtureFolder.Slack.Directory;

    public static string PathOf(string name) => FixtureFolder.Slack.PathOf(name);

    public static string Text(string name) => FixtureFolder.Slack.Text(name);

    public static byte[] Bytes(string name) => FixtureFolder.Slack.Bytes(name);
}
