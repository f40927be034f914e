namespace SecBot.Testing;

/// <summary>
/// A platform's real wire payloads, kept verbatim: <c>tests/fixtures/&lt;platform&gt;</c> in the repository (a copy of the
/// organisation's, so a clean clone tests on its own), else the organisation's <c>shared/fixtures/&lt;platform&gt;</c>
/// above it, as a work tree has it. Found by walking up from the test binaries; the one locator every fake and test uses.
/// </summary>
internal sealed class FixtureFolder
{
    private readonly Lazy<string> _directory;

    private FixtureFolder(string platform) => _directory = new(() => Find(platform));

    public static FixtureFolder Slack { get; } = new("slack");

    public static FixtureFolder Teams { get; } = new("teams");

    public static FixtureFolder Alerts { get; } = new("alerts");

    public string Directory => _directory.Value;

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Text(string name) => File.ReadAllText(PathOf(name));

    public byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    private static string Find(string platform)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "tests", "fixtures", platform), Path.Combine(dir.FullName, "shared", "fixtures", platform) })
            {
                if (System.IO.Directory.Exists(candidate)) return candidate;
            }
        }

        throw new InvalidOperationException($"tests/fixtures/{platform} not found above {AppContext.BaseDirectory}");
    }
}
