namespace SecBot.Domain.Tests.Policy;

internal static class RepositoryRoot
{
    /// <summary>The folder holding SecBot.sln, found by walking up from the test binaries.</summary>
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SecBot.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"No SecBot.sln above {AppContext.BaseDirectory}");
    }
}
