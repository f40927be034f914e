using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SecBot.Host.Tests.Support;

/// <summary>Keeps every formatted log line of the given categories, for tests that check what an operator would read.</summary>
internal sealed class LogCapture(string categoryPrefix) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName.StartsWith(categoryPrefix, StringComparison.Ordinal), _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(bool captured, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => captured;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (captured) lines.Enqueue(formatter(state, exception));
        }
    }
}
