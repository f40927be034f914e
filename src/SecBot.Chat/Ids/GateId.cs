using System.Diagnostics.CodeAnalysis;

namespace SecBot.Chat.Ids;

/// <summary>
/// A review gate's public id, <c>REV-7</c>. Parsing is case-insensitive; printing is canonical upper case.
/// </summary>
public readonly record struct GateId : IParsable<GateId>
{
    public const string Prefix = "REV";

    public GateId(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Number = number;
    }

    public int Number { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out GateId id)
    {
        id = default;
        if (text is null || !PrefixedNumber.TryParse(text, Prefix, out var number)) return false;
        id = new GateId(number);
        return true;
    }

    public static GateId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a review gate id; ids look like REV-7.");

    public static GateId Parse(string s, IFormatProvider? provider) => Parse(s);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out GateId result) =>
        TryParse(s, out result);

    public override string ToString() => PrefixedNumber.Format(Prefix, Number);
}
