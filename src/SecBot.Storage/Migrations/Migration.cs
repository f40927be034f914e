namespace SecBot.Storage.Migrations;

/// <summary>One embedded <c>Migrations/NNNN_name.sql</c> script.</summary>
public sealed record Migration(int Version, string Name, string Script);
