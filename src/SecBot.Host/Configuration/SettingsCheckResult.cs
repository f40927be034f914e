namespace SecBot.Host.Configuration;

/// <summary>
/// What <see cref="SettingsCheck"/> found: one problem per refused value ("&lt;key path&gt;: '&lt;value&gt;' &lt;why&gt;"), and the
/// replacements that make binding safe — a duration in units as TimeSpan text, a refused value as the option's default, so
/// no list element is dropped and the policy rules still check the rest of the file as written.
/// </summary>
public sealed class SettingsCheckResult
{
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, string?> _replacements = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _refused = [];

    public IReadOnlyList<string> Problems => _problems;

    public IReadOnlyDictionary<string, string?> Replacements => _replacements;

    /// <summary>
    /// Whether a later check's <paramref name="problem"/> names a key refused here: that check saw the default standing in
    /// for what the operator wrote, so its finding would repeat the refusal or mislead (it is made again once the value is fixed).
    /// </summary>
    public bool AlreadyReported(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return _refused.Any(key => Names(problem, key));
    }

    private static bool Names(string problem, string key)
    {
        for (var at = problem.IndexOf(key, StringComparison.OrdinalIgnoreCase); at >= 0; at = problem.IndexOf(key, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + key.Length;
            if (end == problem.Length || !(char.IsLetterOrDigit(problem[end]) || problem[end] == '_')) return true;
        }

        return false;
    }

    internal void Refuse(string keyPath, string why, string? bindAs)
    {
        _problems.Add($"{keyPath}: {why}");
        _refused.Add(keyPath);
        _replacements[keyPath] = bindAs;
    }

    internal void Replace(string keyPath, string value) => _replacements[keyPath] = value;
}
