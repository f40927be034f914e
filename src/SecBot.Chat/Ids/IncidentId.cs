using System.Diagnostics.CodeAnalysis;

namespace SecBot.Chat.Ids;

/// <summary>
/// An incident's public id, <c>INC-12</c>. Parsing is case-insensitive; printing is canonical upper case.
/// </summary>
public readonly record struct IncidentId : IParsable<IncidentId>
{
    public const string Prefix = "INC";

    public IncidentId(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Number = number;
    }

    public int Number { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out IncidentId id)
    {
        id = default;
        if (text is null || !PrefixedNumber.TryParse(text, Prefix, out var number)) return false;
        id = new IncidentId(number);
        return true;
    }

    public static IncidentId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an incident id; ids look like INC-12.");

    public static IncidentId Parse(string s, IFormatProvider? provider) => Parse(s);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out IncidentId result) =>
        TryParse(s, out result);

    public override string ToString() => PrefixedNumber.Format(Prefix, Number);
}
