using Microsoft.Extensions.Configuration.Json;

namespace SecBot.Host.Configuration;

public static class SettingsSources
{
    /// <summary>
    /// Puts <paramref name="settingsPath"/> where the default <c>appsettings*.json</c> sources were, so the
    /// order stays: settings file, then environment variables, then command-line arguments. A file that is not valid JSON
    /// stops start-up with its line and column.
    /// </summary>
    public static void UseSettingsFile(this ConfigurationManager configuration, string settingsPath)
    {
        var sources = configuration.Sources;
        var firstJson = -1;
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (sources[i] is JsonConfigurationSource json && json.Path?.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) == true)
            {
                sources.RemoveAt(i);
                firstJson = i;
            }
        }

        var settings = new JsonConfigurationSource
        {
            Path = settingsPath,
            Optional = false,
            ReloadOnChange = false,
            OnLoadException = failure => throw new StartupConfigurationException(SettingsFileSyntax.Describe(settingsPath, failure.Exception)),
        };
        settings.ResolveFileProvider();
        sources.Insert(firstJson >= 0 ? firstJson : 0, settings);
    }
}
