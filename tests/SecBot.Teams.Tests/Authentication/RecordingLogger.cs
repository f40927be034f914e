using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SecBot.Teams.Tests.Authentication;

/// <summary>Keeps what the authenticator logs, for tests that check what an operator would read.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Message)> entries = new();

    public IReadOnlyCollection<(LogLevel Level, int EventId, string Message)> Entries => entries;

    public IEnumerable<string> At(LogLevel level) => entries.Where(e => e.Level == level).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
}
