namespace SecBot.Domain;

/// <summary>"a Security Architect", "an Incident Response Lead": the indefinite article a role or seat name takes in a sentence.</summary>
public static class Article
{
    public static string A(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return phrase.Length > 0 && "AEIOUaeiou".Contains(phrase[0], StringComparison.Ordinal) ? $"an {phrase}" : $"a {phrase}";
    }
}
