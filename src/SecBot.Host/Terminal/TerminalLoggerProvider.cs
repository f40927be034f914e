using System.Text;

namespace SecBot.Host.Terminal;

/// <summary>
/// The terminal console's log sink: one line per entry on the error writer (stderr), never on the answers' stream,
/// with the entry's scopes (an incident's or gate's id) after the message. Its level is set by
/// <c>Logging:Terminal:LogLevel</c>; see <see cref="TerminalLogging"/>.
/// </summary>
[ProviderAlias(Alias)]
public sealed class TerminalLoggerProvider(TextWriter error) : ILoggerProvider, ISupportExternalScope
{
    public const string Alias = "Terminal";

    private readonly Lock _write = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new TerminalLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_write)
        {
            error.WriteLine(line);
            error.Flush();
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class TerminalLogger(TerminalLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            ArgumentNullException.ThrowIfNull(formatter);
            var line = new StringBuilder().Append(Level(logLevel)).Append(": ").Append(category).Append('[').Append(eventId.Id).Append("] ")
                .Append(formatter(state, exception));
            provider._scopes.ForEachScope((scope, text) => text.Append(" => ").Append(scope), line);
            if (exception is not null) line.AppendLine().Append(exception);
            provider.Write(line.ToString());
        }
    }
}
