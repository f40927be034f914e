namespace SecBot.Host.Tests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Settings => Path.Combine(Root, "appsettings.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecBot.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("SecBot.sln not found above " + AppContext.BaseDirectory);
    }
}
