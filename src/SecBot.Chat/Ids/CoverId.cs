using System.Diagnostics.CodeAnalysis;

namespace SecBot.Chat.Ids;

/// <summary>
/// A cover's public id, <c>COV-3</c> (an on-call override). Parsing is case-insensitive; printing is canonical upper case.
/// </summary>
public readonly record struct CoverId : IParsable<CoverId>
{
    public const string Prefix = "COV";

    public CoverId(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Number = number;
    }

    public int Number { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out CoverId id)
    {
        id = default;
        if (text is null || !PrefixedNumber.TryParse(text, Prefix, out var number)) return false;
        id = new CoverId(number);
        return true;
    }

    public static CoverId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a cover id; ids look like COV-3.");

    public static CoverId Parse(string s, IFormatProvider? provider) => Parse(s);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CoverId result) =>
        TryParse(s, out result);

    public override string ToString() => PrefixedNumber.Format(Prefix, Number);
}
