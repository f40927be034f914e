using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Database;

/// <summary>
/// The commands run on one long-lived <see cref="SqliteConnection"/>, kept by SQL text so that each text is parsed
/// and planned by SQLite once (Microsoft.Data.Sqlite keeps a command's prepared statements while its text stays the
/// same, but not across commands: efcore#14044). Holds at most <see cref="Capacity"/> idle commands and drops the one
/// used longest ago to make room. Not thread-safe: only the store's single writer uses it, one statement at a time.
/// </summary>
internal sealed class PreparedCommandCache : IDisposable
{
    public const int Capacity = 256;

    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _idle = new(StringComparer.Ordinal);
    private readonly LinkedList<SqliteCommand> _mostRecentFirst = new();

    public int Count => _idle.Count;

    /// <summary>The idle command already prepared for <paramref name="text"/>, taken out of the cache; null when there is none.</summary>
    public SqliteCommand? Rent(string text)
    {
        if (!_idle.Remove(text, out var node)) return null;
        _mostRecentFirst.Remove(node);
        node.Value.Parameters.Clear();
        return node.Value;
    }

    /// <summary>Keeps <paramref name="command"/> (finished: its reader, if any, disposed) for the next use of its text.</summary>
    public void Return(SqliteCommand command)
    {
        if (_idle.ContainsKey(command.CommandText))
        {
            // The same text ran twice at once (a nested query): one prepared copy is enough.
            command.Dispose();
            return;
        }

        _idle.Add(command.CommandText, _mostRecentFirst.AddFirst(command));
        if (_idle.Count <= Capacity) return;

        var oldest = _mostRecentFirst.Last!;
        _mostRecentFirst.RemoveLast();
        _idle.Remove(oldest.Value.CommandText);
        oldest.Value.Dispose();
    }

    public void Dispose()
    {
        foreach (var command in _mostRecentFirst) command.Dispose();
        _mostRecentFirst.Clear();
        _idle.Clear();
    }
}
