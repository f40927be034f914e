namespace SecBot.Host.Terminal;

/// <summary>
/// Logging for the terminal console: every provider is replaced by <see cref="TerminalLoggerProvider"/> on stderr, so
/// stdout holds only answers and delivered messages. The host's lifetime chatter (listening addresses, "Press Ctrl+C")
/// is held back, and the rest shows from Warning up unless <c>Logging:Terminal:LogLevel</c> says otherwise.
/// </summary>
public static class TerminalLogging
{
    public const string LevelSection = "Logging:" + TerminalLoggerProvider.Alias + ":LogLevel";

    public static void Use(IServiceCollection services, TextWriter error, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new TerminalLoggerProvider(error));
            logging.AddFilter<TerminalLoggerProvider>("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            if (!configuration.GetSection(LevelSection).Exists()) logging.AddFilter<TerminalLoggerProvider>(null, LogLevel.Warning);
        });
    }
}
