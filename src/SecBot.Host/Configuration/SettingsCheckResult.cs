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
    /// Whether a later check's <paramref name="problem"/> is about a value refused here (it saw the default in its
    /// place), so the operator is not told twice about one key, once misleadingly.
    /// </summary>
    public bool AlreadyReported(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return _refused.Any(key => problem.StartsWith(key, StringComparison.OrdinalIgnoreCase) && problem.Length > key.Length && problem[key.Length] is ':' or ' ');
    }

    internal void Refuse(string keyPath, string why, string? bindAs)
    {
        _problems.Add($"{keyPath}: {why}");
        _refused.Add(keyPath);
        _replacements[keyPath] = bindAs;
    }

    internal void Replace(string keyPath, string value) => _replacements[keyPath] = value;
}
