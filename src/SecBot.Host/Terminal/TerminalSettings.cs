using SecBot.Domain.Policy;
using SecBot.Host.Configuration;

namespace SecBot.Host.Terminal;

/// <summary>
/// The settings the terminal console needs before the service starts (who is on the roster, how to log), read from the
/// same sources in the same order as <see cref="SecBotApp"/>: the settings file, then the environment, then the arguments.
/// </summary>
public static class TerminalSettings
{
    public static IConfiguration Read(string[] args, string? settingsFile)
    {
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
        var path = SettingsFile.Locate(
            settingsFile ?? Environment.GetEnvironmentVariable(SettingsFile.EnvironmentVariable), Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        configuration.UseSettingsFile(path);
        return configuration;
    }

    /// <summary>The roster's person ids, in roster order.</summary>
    public static IReadOnlyList<string> PersonIds(IConfiguration configuration) =>
        [.. (configuration.GetSection($"{PolicyOptions.SectionName}:Roster:People").Get<List<PersonOptions>>() ?? []).Select(p => p.Id).Where(id => id.Length > 0)];
}
