using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SecBot.Host.Tests.Support;

/// <summary>
/// Keeps every log entry of every category, at whatever level the host's filters let through, with its structured
/// properties and those of the scopes it was logged in: what any log sink (console text, JSON, a log shipper) could see.
/// </summary>
internal sealed class FullLogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static IEnumerable<KeyValuePair<string, string>> Properties(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => KeyValuePair.Create(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""))
            : state is null ? [] : [KeyValuePair.Create("", Convert.ToString(state, CultureInfo.InvariantCulture) ?? "")];

    private sealed class Logger(FullLogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<KeyValuePair<string, string>>();
            capture._scopes.ForEachScope((scope, list) => list.AddRange(Properties(scope).Append(KeyValuePair.Create("", Convert.ToString(scope, CultureInfo.InvariantCulture) ?? ""))), scopes);
            capture._entries.Enqueue(new CapturedLog(category, eventId.Id, logLevel, formatter(state, exception), exception?.ToString(), [.. Properties(state)], scopes));
        }
    }
}

/// <summary>One log entry: its text, and the structured properties of its state and of its scopes (key "" for a scope's or state's own text).</summary>
internal sealed record CapturedLog(
    string Category, int EventId, LogLevel Level, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, string>> Properties, IReadOnlyList<KeyValuePair<string, string>> Scopes)
{
    /// <summary>Everything a sink could write for this entry.</summary>
    public IEnumerable<string> AllText() =>
        new[] { Message, Exception ?? "" }.Concat(Properties.SelectMany(p => new[] { p.Key, p.Value })).Concat(Scopes.SelectMany(p => new[] { p.Key, p.Value }));

    public string? Scope(string property) => Scopes.Where(p => p.Key == property).Select(p => p.Value).FirstOrDefault();

    public override string ToString() => $"{Level} {Category}[{EventId}] {Message} {{{string.Join(", ", Scopes.Where(s => s.Key.Length > 0).Select(s => $"{s.Key}={s.Value}"))}}}";
}
