using SecBot.Domain.Policy;

namespace SecBot.Domain.Tests.Policy;

internal static class PolicyAssert
{
    /// <summary>The policy has a problem at exactly <paramref name="keyPath"/> whose reason contains <paramref name="reason"/>.</summary>
    public static void HasProblem(PolicyOptions policy, string keyPath, string reason)
    {
        var problems = PolicyValidator.Validate(policy);
        Assert.True(
            problems.Any(problem => problem.StartsWith(keyPath + ": ", StringComparison.Ordinal) && problem.Contains(reason, StringComparison.Ordinal)),
            $"Expected a problem \"{keyPath}: ...{reason}...\"; got:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    public static void IsValid(PolicyOptions policy) => Assert.Empty(PolicyValidator.Validate(policy));
}
