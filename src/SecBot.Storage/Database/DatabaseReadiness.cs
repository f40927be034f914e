namespace SecBot.Storage.Database;

/// <summary>What <see cref="SqliteDatabase.PingAsync"/> found: ready when the file answers and its schema is this build's.</summary>
public sealed record DatabaseReadiness(bool IsReady, int SchemaVersion, int ExpectedSchemaVersion, string? Problem);
