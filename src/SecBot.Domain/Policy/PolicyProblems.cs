namespace SecBot.Domain.Policy;

/// <summary>The problems found in a policy, each as "&lt;key path&gt;: &lt;reason&gt;".</summary>
internal sealed class PolicyProblems
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> All => _problems;

    public void Add(string keyPath, string reason) => _problems.Add($"{keyPath}: {reason}");
}
