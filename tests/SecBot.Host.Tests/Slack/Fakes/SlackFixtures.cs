namespace SecBot.Testing.Slack;

/// <summary>
/// The Slack wire fixtures: real payloads from Slack's own material, kept verbatim in <c>tests/fixtures/slack</c> (a copy
/// of the organisation's <c>shared/fixtures/slack</c>, so a clean clone tests on its own). Found by walking up from the
/// test binaries to the repository's <c>tests</c> folder.
/// </summary>
internal static class SlackFixtures
{
    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "slack");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException("tests/fixtures/slack not found above " + AppContext.BaseDirectory);
    }
}
