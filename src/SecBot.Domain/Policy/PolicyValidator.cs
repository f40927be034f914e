namespace SecBot.Domain.Policy;

/// <summary>
/// Cross-field checks of the policy. Every problem is reported as "&lt;key path&gt;: &lt;reason&gt;",
/// e.g. "SecBot:Roster:People:3:Roles:0: unknown role 'Foo'". Values that do not parse at all
/// (a malformed TimeSpan) are the configuration binder's to report; this checks what was bound.
/// </summary>
public static class PolicyValidator
{
    public static IReadOnlyList<string> Validate(PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var context = new PolicyValidationContext(policy);
        RosterPolicyRules.Check(context);
        EscalationPolicyRules.Check(context);
        ReviewPolicyRules.Check(context);
        return context.Problems.All;
    }
}
