namespace SecBot.Chat.Parsing;

/// <summary>A name from the policy that commands may use (a level, incident type, gate type or role), with the other spellings accepted for it.</summary>
public sealed record VocabularyTerm(string Name, IReadOnlyList<string> Aliases)
{
    public VocabularyTerm(string name)
        : this(name, [])
    {
    }

    internal IEnumerable<string> Spellings =>
        new[] { Name }.Concat(Aliases).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim());
}
