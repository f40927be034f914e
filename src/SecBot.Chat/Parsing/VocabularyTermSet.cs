using System.Diagnostics.CodeAnalysis;

namespace SecBot.Chat.Parsing;

/// <summary>The known terms of one kind; matching is case-insensitive and always yields the canonical name.</summary>
public sealed class VocabularyTermSet
{
    private readonly Dictionary<string, string> _nameBySpelling = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">One spelling names two different terms.</exception>
    public VocabularyTermSet(IEnumerable<VocabularyTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Terms = [.. terms.Where(t => !string.IsNullOrWhiteSpace(t.Name)).Select(t => t with { Name = t.Name.Trim() })];
        foreach (var term in Terms)
        {
            foreach (var spelling in term.Spellings)
            {
                if (_nameBySpelling.TryAdd(spelling, term.Name)) continue;
                var existing = _nameBySpelling[spelling];
                if (!string.Equals(existing, term.Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"'{spelling}' names both '{existing}' and '{term.Name}'.", nameof(terms));
                }
            }
        }
    }

    public IReadOnlyList<VocabularyTerm> Terms { get; }

    /// <summary>Every accepted spelling once, canonical names first within each term: for usage lines.</summary>
    public IReadOnlyList<string> Spellings =>
        [.. Terms.SelectMany(t => t.Spellings).Distinct(StringComparer.OrdinalIgnoreCase)];

    public bool TryResolve(string? spelling, [NotNullWhen(true)] out string? name)
    {
        name = null;
        return spelling is not null && _nameBySpelling.TryGetValue(spelling.Trim(), out name);
    }

    /// <summary>The terms for an error message: "L1, L2, L3, Executive (EXEC)".</summary>
    public string Describe()
    {
        if (Terms.Count == 0) return "none are configured";
        return string.Join(", ", Terms.Select(Describe));
    }

    private static string Describe(VocabularyTerm term)
    {
        var others = term.Spellings.Skip(1).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(s => !s.Equals(term.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return others.Count == 0 ? term.Name : $"{term.Name} ({string.Join(", ", others)})";
    }
}
