using System.Globalization;
using System.Text.Json;
using SecBot.Domain.Reviews;

namespace SecBot.Storage.Ledger;

/// <summary>
/// One row of the <c>signoffs</c> table exactly as stored: every column the hash covers, plus <see cref="PrevHash"/>
/// and <see cref="Hash"/>. <see cref="At"/> is unix epoch milliseconds (UTC), as the column holds it, so the hash
/// is computed over the stored value and never over a finer in-memory time.
/// </summary>
public sealed record LedgerRecord
{
    public const string SignOffKind = "signoff";
    public const string GateDecisionKind = "gate-decision";

    public long Id { get; init; }
    public required long GateId { get; init; }
    public required int Revision { get; init; }
    public required int Stage { get; init; }

    /// <summary>The seat id; empty for a gate-level row.</summary>
    public required string Seat { get; init; }

    /// <summary><see cref="SignOffKind"/> or <see cref="GateDecisionKind"/>.</summary>
    public required string Kind { get; init; }

    public required string PersonId { get; init; }

    /// <summary>The person's display name when the row was written; null if it was not known.</summary>
    public string? PersonName { get; init; }

    public required string RoleHeld { get; init; }

    /// <summary>A <see cref="LedgerDecisions"/> value.</summary>
    public required string Decision { get; init; }

    public string? Comment { get; init; }

    /// <summary>The attested checklist items as a JSON array of strings; null when nothing was attested.</summary>
    public string? Checklist { get; init; }

    public required string Platform { get; init; }
    public bool IsOverride { get; init; }
    public bool OptionalSeat { get; init; }
    public required long At { get; init; }
    public string? PrevHash { get; init; }
    public string? Hash { get; init; }

    /// <summary>Not covered by the hash: the one column that may change (once, to true) after the row is written.</summary>
    public bool IsStale { get; init; }

    public string GateKey => Domain.Reviews.GateKey.Format(GateId);

    /// <summary>The row an engine <see cref="LedgerEntry"/> becomes; <see cref="Id"/>, <see cref="PrevHash"/> and <see cref="Hash"/> are set when it is appended.</summary>
    public static LedgerRecord From(LedgerEntry entry, string? personName, bool optionalSeat)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var wholeGate = entry.SeatId == LedgerEntry.WholeGate;
        return new LedgerRecord
        {
            GateId = entry.GateNumber,
            Revision = entry.Revision,
            Stage = entry.StageNumber,
            Seat = entry.SeatId,
            Kind = wholeGate ? GateDecisionKind : SignOffKind,
            PersonId = entry.PersonId,
            PersonName = personName,
            RoleHeld = entry.RoleHeld,
            Decision = entry.Decision,
            Comment = entry.Comment,
            Checklist = FormatChecklist(entry.Checklist),
            Platform = entry.Platform,
            IsOverride = entry.IsOverride,
            OptionalSeat = !wholeGate && optionalSeat,
            At = entry.At.ToUnixTimeMilliseconds(),
        };
    }

    public static string? FormatChecklist(IReadOnlyList<string>? items) =>
        items is null || items.Count == 0 ? null : JsonSerializer.Serialize(items);

    public static IReadOnlyList<string> ParseChecklist(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return [];
        try
        {
            return JsonSerializer.Deserialize<string[]>(stored) ?? [];
        }
        catch (JsonException)
        {
            // Written by something else than this store: keep the text rather than lose it.
            return [stored];
        }
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
