namespace SecBot.Host.Configuration;

/// <summary>
/// Finds the one policy file: <c>SECBOT_SETTINGS</c> when set (it replaces the default),
/// else <c>appsettings.json</c> in the working directory (the repo root for <c>dotnet run</c>),
/// else the copy shipped beside the binary.
/// </summary>
public static class SettingsFile
{
    public const string EnvironmentVariable = "SECBOT_SETTINGS";
    public const string DefaultFileName = "appsettings.json";

    public static string Locate(string? explicitPath, string workingDirectory, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            return File.Exists(full)
                ? full
                : throw new StartupConfigurationException($"{EnvironmentVariable}: settings file '{full}' does not exist");
        }

        var candidates = new[] { Path.Combine(workingDirectory, DefaultFileName), Path.Combine(baseDirectory, DefaultFileName) };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new StartupConfigurationException(
                $"no {DefaultFileName} found in '{workingDirectory}' or '{baseDirectory}'; set {EnvironmentVariable} to a settings file");
    }
}
