namespace SecBot.Storage.Database;

/// <summary>Which database SecBot keeps its state in (<c>SecBot:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One embedded file, one writer: the default, for one replica.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database, for two or more replicas.</summary>
    Postgres,
}
