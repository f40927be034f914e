using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SecBot.Storage.Database;

/// <summary>
/// A PostgreSQL database shared by every replica: one pooled <see cref="NpgsqlDataSource"/> for the process.
/// Statements run often are prepared automatically on each pooled connection, unless the connection string says otherwise.
/// </summary>
public sealed partial class PostgresDatabase : StoreDatabase, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresDatabase> _logger;

    public PostgresDatabase(DatabaseOptions options, ILogger<PostgresDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException(
                $"{DatabaseOptions.SectionName}:ConnectionString must be set when {DatabaseOptions.SectionName}:Provider is Postgres "
                + "(e.g. Host=db;Port=5432;Database=secbot;Username=secbot;Password=...).",
                nameof(options));
        }

        DapperConventions.EnsureRegistered();
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!HasKeyword(options.ConnectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        // A replica that freezes or loses its network mid-transaction must not hold the outbox claim turn, the ledger's
        // turn or a timer's row lock for the hours it takes TCP to notice: the server ends such a session after 15 s
        // idle in a transaction, and keepalives find a dead peer within a minute.
        if (!HasKeyword(options.ConnectionString, "Options"))
        {
            builder.Options = "-c idle_in_transaction_session_timeout=15000";
        }

        if (!HasKeyword(options.ConnectionString, "Keepalive", "KeepAlive", "Tcp Keepalive", "TcpKeepAlive"))
        {
            builder.KeepAlive = 30;
            builder.TcpKeepAlive = true;
            builder.TcpKeepAliveTime = 30;
            builder.TcpKeepAliveInterval = 5;
        }

        ConnectionString = builder.ConnectionString;
        Location = LocationOf(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public string ConnectionString { get; }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Location { get; }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenConnectionAsync(cancellationToken);

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Where a connection string points, for logs and errors: host, port and database, never the password.</summary>
    public static string LocationOf(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
    }

    protected override bool IsUnavailable(Exception exception) =>
        exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException;

    protected override void OnPingFailed(Exception exception) => LogPingFailed(exception, Location);

    private static bool HasKeyword(string connectionString, params string[] keywords)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(parsed.ContainsKey);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database readiness check failed for {Location}")]
    private partial void LogPingFailed(Exception exception, string location);
}
