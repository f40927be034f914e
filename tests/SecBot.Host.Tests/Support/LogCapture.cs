using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SecBot.Host.Tests.Support;

/// <summary>
/// Keeps every log entry of the categories starting with <paramref name="categoryPrefix"/> (e.g. a class's full name),
/// for tests that check what an operator would read.
/// </summary>
internal sealed class LogCapture(string categoryPrefix) : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public IEnumerable<string> Lines => _entries.Select(e => e.Message);

    public IEnumerable<LogEntry> Errors => _entries.Where(e => e.Level >= LogLevel.Error);

    public static LogCapture Of<T>() => new(typeof(T).FullName!);

    /// <summary>
    /// The first entry matching <paramref name="match"/>, once a background service has logged it (hosted services start
    /// their work off the start-up path, so it may come just after <c>StartAsync</c>); fails after a hang guard.
    /// </summary>
    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_entries.FirstOrDefault(match) is { } entry) return entry;
            if (guard.IsCancellationRequested) throw new TimeoutException("the expected log entry never came");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName.StartsWith(categoryPrefix, StringComparison.Ordinal), _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(bool captured, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => captured;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (captured) entries.Enqueue(new LogEntry(eventId.Id, logLevel, formatter(state, exception), exception));
        }
    }
}

/// <summary>One captured log entry.</summary>
internal sealed record LogEntry(int EventId, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {EventId}: {Message} {Exception}";
}
