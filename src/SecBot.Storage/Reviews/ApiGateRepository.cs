using System.Data.Common;
using Dapper;

namespace SecBot.Storage.Reviews;

/// <summary>The <c>api_gates</c> table: one row per gate opened through the Gate API, written in the transaction that opens it.</summary>
public sealed class ApiGateRepository
{
    private const string Columns = "gate_id AS gate_number, service, key_sha256, details_url, callback_url, self_url";

    /// <summary>Records where <paramref name="origin"/>'s gate came from; the gate must exist in the same transaction.</summary>
    public static Task RecordAsync(StoreTransaction transaction, ApiGateOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(origin);
        return transaction.ExecuteAsync(
            """
            INSERT INTO api_gates (gate_id, service, key_sha256, details_url, callback_url, self_url, opened_at)
            VALUES (@GateNumber, @Service, @KeySha256, @DetailsUrl, @CallbackUrl, @SelfUrl, @Now)
            """,
            new { origin.GateNumber, origin.Service, origin.KeySha256, origin.DetailsUrl, origin.CallbackUrl, origin.SelfUrl, transaction.Now });
    }

    /// <summary>The origin of gate <paramref name="gateNumber"/> as <paramref name="transaction"/> sees it; null for a gate opened in chat.</summary>
    public static async Task<ApiGateOrigin?> FindAsync(StoreTransaction transaction, long gateNumber)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return (await transaction.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM api_gates WHERE gate_id = @GateNumber", new { GateNumber = gateNumber }))?.ToOrigin();
    }

    /// <summary>The origin of gate <paramref name="gateNumber"/>, read on <paramref name="connection"/>; null for a gate opened in chat.</summary>
    public static async Task<ApiGateOrigin?> FindAsync(DbConnection connection, long gateNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_gates WHERE gate_id = @GateNumber", new { GateNumber = gateNumber }, cancellationToken: cancellationToken));
        return row?.ToOrigin();
    }

    private sealed class Row
    {
        public long GateNumber { get; init; }
        public string Service { get; init; } = "";
        public string KeySha256 { get; init; } = "";
        public string? DetailsUrl { get; init; }
        public string? CallbackUrl { get; init; }
        public string SelfUrl { get; init; } = "";

        public ApiGateOrigin ToOrigin() => new(GateNumber, Service, KeySha256, DetailsUrl, CallbackUrl, SelfUrl);
    }
}
