namespace SecBot.Testing.Slack;

/// <summary>
/// The shared Slack wire fixtures (<c>shared/fixtures/slack</c>): real payloads from Slack's own material. The
/// repository and <c>shared/</c> sit side by side, so the folder is found by walking up from the test binaries.
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
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "slack");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException("shared/fixtures/slack not found above " + AppContext.BaseDirectory);
    }
}
