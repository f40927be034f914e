using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SecBot.Chat.Ids;
using SecBot.Domain.Reviews;

namespace SecBot.Chat.Reviews;

/// <summary>
/// What a gate button acts on. <c>REV-7@2</c> is revision 2 of REV-7, so a button on a request for an older revision
/// is recognised as stale; a required reviewer's request adds the stage it asked for and, when it asked for one seat,
/// that seat: <c>REV-7@2/1/SecArch</c>. A press once that stage has closed is stale too, so a repeated Approve never
/// signs the next stage. Values sent before stages were named (<c>REV-7@2</c>) and a bare <c>REV-7</c> (typed
/// commands, other clients) still parse: no stage means whatever stage is open.
/// </summary>
public readonly record struct GateButtonValue(long Number, int? Revision, int? Stage = null, string? Seat = null)
{
    private const char RevisionSeparator = '@';
    private const char PartSeparator = '/';

    public string Key => GateKey.Format(Number);

    /// <summary>An optional reviewer's buttons: the revision only, since optional reviewers may speak at any stage.</summary>
    public static string Format(Gate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return string.Create(CultureInfo.InvariantCulture, $"{gate.Key}{RevisionSeparator}{gate.Revision}");
    }

    /// <summary>A required reviewer's buttons: the revision, the stage asked for and, when exactly one, the seat.</summary>
    public static string Format(Gate gate, int stage, IReadOnlyList<string> seatIds)
    {
        ArgumentNullException.ThrowIfNull(seatIds);
        var seat = seatIds is [var only] && only.IndexOfAny([PartSeparator, RevisionSeparator]) < 0 ? $"{PartSeparator}{only}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{Format(gate)}{PartSeparator}{stage}{seat}");
    }

    public static GateButtonValue Of(GateId id, int? stage = null) => new(id.Number, null, stage);

    public static bool TryParse([NotNullWhen(true)] string? value, out GateButtonValue target)
    {
        target = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var text = value.Trim();
        var at = text.IndexOf(RevisionSeparator, StringComparison.Ordinal);
        if (!GateId.TryParse(at < 0 ? text : text[..at], out var id)) return false;
        if (at < 0)
        {
            target = Of(id);
            return true;
        }

        var parts = text[(at + 1)..].Split(PartSeparator);
        if (parts.Length > 3 || !TryReadPositive(parts[0], out var revision)) return false;
        int? stage = null;
        if (parts.Length > 1)
        {
            if (!TryReadPositive(parts[1], out var number)) return false;
            stage = number;
        }

        var seat = parts.Length > 2 ? parts[2].Trim() : null;
        if (seat is { Length: 0 }) return false;
        target = new GateButtonValue(id.Number, revision, stage, seat);
        return true;
    }

    private static bool TryReadPositive(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1;
}
