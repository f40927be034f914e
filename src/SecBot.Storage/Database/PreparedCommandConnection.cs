using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Database;

/// <summary>
/// The connection Dapper is given inside a write transaction: its commands take an already prepared command for
/// their SQL text from <see cref="PreparedCommandCache"/> when one is idle, and give theirs back when disposed.
/// Everything else is the underlying <see cref="SqliteConnection"/>'s. Transactions belong to the store.
/// </summary>
internal sealed class PreparedCommandConnection(SqliteConnection inner, PreparedCommandCache cache) : DbConnection
{
    public SqliteConnection Inner { get; } = inner;

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => throw new NotSupportedException("the store's write connection cannot be re-pointed");
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    public override string ServerVersion => Inner.ServerVersion;

    public override ConnectionState State => Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    public override void Open()
    {
        if (Inner.State != ConnectionState.Open) throw new InvalidOperationException("the store opens and closes its write connection itself");
    }

    public override void Close()
    {
        // The store owns the connection: a command's user closing it would end the write transaction under the store.
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        throw new NotSupportedException("the store begins and commits write transactions itself");

    protected override DbCommand CreateDbCommand() => new PreparedCommand(this, cache);
}
