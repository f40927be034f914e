using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;

namespace SecBot.Host.Configuration;

/// <summary>
/// Runs the domain's policy rules as options validation, so a bad policy stops start-up. Values that did
/// not convert are reported first: the rules would otherwise complain about what the binder dropped.
/// </summary>
public sealed class PolicyOptionsValidation(IConfiguration configuration) : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var unconvertible = ConfigurationConversionCheck.Find(configuration.GetSection(PolicyOptions.SectionName), typeof(PolicyOptions));
        var problems = unconvertible.Count > 0 ? unconvertible : PolicyValidator.Validate(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
