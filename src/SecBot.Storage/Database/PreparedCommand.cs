using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Database;

/// <summary>
/// A command of <see cref="PreparedCommandConnection"/>. Dapper fills it like any command (text, transaction,
/// parameters: it may rewrite the text while binding, for <c>IN @list</c>); when it runs, the cached command prepared
/// for the final text (if one is idle) takes the parameters and runs instead, and on dispose whichever command ran
/// goes back to the cache, still prepared.
/// </summary>
internal sealed class PreparedCommand : DbCommand
{
    private readonly PreparedCommandConnection _connection;
    private readonly PreparedCommandCache _cache;
    private readonly SqliteCommand _draft;
    private SqliteCommand? _running;

    public PreparedCommand(PreparedCommandConnection connection, PreparedCommandCache cache)
    {
        _connection = connection;
        _cache = cache;
        _draft = connection.Inner.CreateCommand();
    }

    [AllowNull]
    public override string CommandText
    {
        get => _draft.CommandText;
        set => _draft.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => _draft.CommandTimeout;
        set => _draft.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => _draft.CommandType;
        set => _draft.CommandType = value;
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource
    {
        get => _draft.UpdatedRowSource;
        set => _draft.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => throw new NotSupportedException("a prepared command stays on the store's write connection");
    }

    protected override DbParameterCollection DbParameterCollection => _draft.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _draft.Transaction;
        set => _draft.Transaction = (SqliteTransaction?)value;
    }

    public override void Cancel() => _running?.Cancel();

    public override void Prepare() => Running().Prepare();

    public override int ExecuteNonQuery() => Running().ExecuteNonQuery();

    public override object? ExecuteScalar() => Running().ExecuteScalar();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Running().ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Running().ExecuteScalarAsync(cancellationToken);

    protected override DbParameter CreateDbParameter() => _draft.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Running().ExecuteReader(behavior);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await Running().ExecuteReaderAsync(behavior, cancellationToken);

    /// <summary>The command that runs the draft: a cached one prepared for the same text, given the draft's parameters, or the draft itself.</summary>
    private SqliteCommand Running()
    {
        if (_running is not null) return _running;
        if (_cache.Rent(_draft.CommandText) is not { } cached)
        {
            _running = _draft;
            return _draft;
        }

        cached.Transaction = _draft.Transaction;
        cached.CommandTimeout = _draft.CommandTimeout;
        cached.CommandType = _draft.CommandType;
        var parameters = new SqliteParameter[_draft.Parameters.Count];
        _draft.Parameters.CopyTo(parameters, 0);
        _draft.Parameters.Clear();
        cached.Parameters.AddRange(parameters);
        _running = cached;
        return cached;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_running is not null) _cache.Return(_running);
            if (!ReferenceEquals(_running, _draft)) _draft.Dispose();
            _running = null;
        }

        base.Dispose(disposing);
    }
}
