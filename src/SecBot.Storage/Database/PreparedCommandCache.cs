using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Database;

/// <summary>
/// The commands run on one long-lived <see cref="SqliteConnection"/>, kept by SQL text so that each text is parsed
/// and planned by SQLite once (Microsoft.Data.Sqlite keeps a command's prepared statements while its text stays the
/// same, but not across commands: efcore#14044). Bounded: past <see cref="Capacity"/> texts, a new text's command is
/// used once and disposed. Not thread-safe: only the store's single writer uses it, one statement at a time.
/// </summary>
internal sealed class PreparedCommandCache : IDisposable
{
    public const int Capacity = 256;

    private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);

    /// <summary>The idle command already prepared for <paramref name="text"/>, taken out of the cache; null when there is none.</summary>
    public SqliteCommand? Rent(string text)
    {
        if (!_idle.Remove(text, out var command)) return null;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Keeps <paramref name="command"/> (finished: its reader, if any, disposed) for the next use of its text.</summary>
    public void Return(SqliteCommand command)
    {
        if (_idle.Count >= Capacity || !_idle.TryAdd(command.CommandText, command)) command.Dispose();
    }

    public void Dispose()
    {
        foreach (var command in _idle.Values) command.Dispose();
        _idle.Clear();
    }
}
