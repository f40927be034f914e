using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SecBot.Chat.Ids;
using SecBot.Domain.Reviews;

namespace SecBot.Chat.Reviews;

/// <summary>
/// What a gate button acts on: <c>REV-7@2</c> is revision 2 of REV-7, so a button on a request for an older
/// revision is recognised as stale. A bare <c>REV-7</c> (typed commands, other clients) means the current revision.
/// </summary>
public readonly record struct GateButtonValue(long Number, int? Revision)
{
    private const char RevisionSeparator = '@';

    public string Key => GateKey.Format(Number);

    public static string Format(Gate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return string.Create(CultureInfo.InvariantCulture, $"{gate.Key}{RevisionSeparator}{gate.Revision}");
    }

    public static GateButtonValue Of(GateId id) => new(id.Number, null);

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

        if (!int.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) || revision < 1) return false;
        target = new GateButtonValue(id.Number, revision);
        return true;
    }
}
