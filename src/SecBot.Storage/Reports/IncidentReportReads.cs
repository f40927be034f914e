using System.Data;
using Dapper;
using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Reviews;

namespace SecBot.Storage.Reports;

/// <summary>
/// What a postmortem report reads besides the incident and its timeline: the review gates linked to the incident
/// (<c>gates.incident_id</c>, set when resolving the incident opened its review), their ledger records, and the names
/// the roster sync stored for people. Read-only, on the caller's connection.
/// </summary>
public sealed class IncidentReportReads
{
    /// <summary>The gates linked to incident <paramref name="incident"/>, oldest first, each with its sign-offs.</summary>
    public async Task<IReadOnlyList<Gate>> LinkedGatesAsync(IDbConnection connection, long incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = (await connection.QueryAsync<GateRow>(new CommandDefinition(
            $"SELECT {GateRow.Columns} FROM gates WHERE incident_id = @Incident ORDER BY id", new { Incident = incident }, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0) return [];
        var signOffs = (await connection.QueryAsync<SignOffRow>(new CommandDefinition(
            $"""
            SELECT {SignOffRow.Columns} FROM signoffs
            WHERE kind = '{LedgerRecord.SignOffKind}' AND gate_id IN (SELECT id FROM gates WHERE incident_id = @Incident)
            ORDER BY id
            """,
            new { Incident = incident },
            cancellationToken: cancellationToken))).ToLookup(s => s.GateId);
        return [.. rows.Select(r => r.ToGate([.. signOffs[r.Id].Select(s => s.ToSignOff())]))];
    }

    /// <summary>Every ledger record (sign-offs and whole-gate decisions) of the gates linked to the incident, in chain order.</summary>
    public async Task<IReadOnlyList<LedgerRecord>> LinkedLedgerAsync(IDbConnection connection, long incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var records = await connection.QueryAsync<LedgerRecord>(new CommandDefinition(
            $"SELECT {LedgerWriter.Columns}, is_stale FROM signoffs WHERE gate_id IN (SELECT id FROM gates WHERE incident_id = @Incident) ORDER BY id",
            new { Incident = incident },
            cancellationToken: cancellationToken));
        return [.. records];
    }

    /// <summary>Display names by person id, as the roster sync last stored them.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PeopleNamesAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(string Id, string Name)>(new CommandDefinition("SELECT id, name FROM people", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
    }
}
