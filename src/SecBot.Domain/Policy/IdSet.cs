namespace SecBot.Domain.Policy;

/// <summary>
/// The configured ids of one kind. Lookups are exact, as the engines do them; a near miss in
/// letter case is pointed out because it is the usual typo.
/// </summary>
internal sealed class IdSet
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public IdSet(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if (!string.IsNullOrWhiteSpace(id)) _ids.Add(id);
        }
    }

    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>The reason an id was not found, with a "did you mean" when only the letter case differs.</summary>
    public string NotFound(string reason, string id)
    {
        var nearMiss = _ids.FirstOrDefault(known => string.Equals(known, id, StringComparison.OrdinalIgnoreCase));
        return nearMiss is null ? reason : $"{reason} (ids are case-sensitive: did you mean '{nearMiss}'?)";
    }
}
