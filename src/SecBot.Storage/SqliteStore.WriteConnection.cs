using Microsoft.Data.Sqlite;
using SecBot.Storage.Database;

namespace SecBot.Storage;

/// <summary>
/// The writer's one connection, kept open between batches with its prepared statements (<see cref="PreparedCommandCache"/>),
/// so a statement run by every declare or sign-off is parsed once per process, not once per write. Only the running
/// writer touches it; it is replaced after a batch fails at the transaction level and closed when the store stops.
/// </summary>
public sealed partial class SqliteStore
{
    private SqliteConnection? _writeConnection;
    private PreparedCommandCache? _writeCommands;
    private PreparedCommandConnection? _writeCommandConnection;

    private async Task<(SqliteConnection Connection, PreparedCommandConnection Commands)> WriteConnectionAsync()
    {
        if (_writeConnection is null || _writeCommandConnection is null)
        {
            var connection = await _database.OpenConnectionAsync(CancellationToken.None);
            _writeCommands = new PreparedCommandCache();
            _writeCommandConnection = new PreparedCommandConnection(connection, _writeCommands);
            _writeConnection = connection;
        }

        return (_writeConnection, _writeCommandConnection);
    }

    /// <summary>Closes the write connection; the next batch opens a fresh one.</summary>
    private void CloseWriteConnection()
    {
        _writeCommands?.Dispose();
        _writeCommandConnection?.Dispose();
        _writeConnection?.Dispose();
        (_writeCommands, _writeCommandConnection, _writeConnection) = (null, null, null);
    }
}
