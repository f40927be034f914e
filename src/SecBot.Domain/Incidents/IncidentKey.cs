namespace SecBot.Domain.Incidents;

/// <summary>The public incident id: <c>INC-12</c>.</summary>
public static class IncidentKey
{
    public const string Prefix = "INC-";

    public static string Format(long number) => Prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
