using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;

namespace SecBot.Host.Configuration;

/// <summary>Runs the domain's policy rules as options validation, so a bad policy stops start-up.</summary>
public sealed class PolicyOptionsValidation : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var problems = PolicyValidator.Validate(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
