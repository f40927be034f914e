namespace SecBot.Domain.Policy;

/// <summary>Whether a page target reaches at least one person, and if not, why.</summary>
internal readonly record struct PageReach(bool ReachesSomeone, string WhyNobody)
{
    public static PageReach Someone => new(true, "");

    public static PageReach Nobody(string why) => new(false, why);
}
