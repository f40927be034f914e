namespace SecBot.Domain.Reviews;

/// <summary>The public review gate id: <c>REV-7</c>.</summary>
public static class GateKey
{
    public const string Prefix = "REV-";

    public static string Format(long number) => Prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
