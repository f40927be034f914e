using Microsoft.Extensions.Options;
using SecBot.Slack.Configuration;

namespace SecBot.Slack.Configuration;

/// <summary>Start-up checks of <c>SecBot:Slack</c>, each naming its key (contract.md "Running").</summary>
internal sealed class SlackOptionsValidation : IValidateOptions<SlackOptions>
{
    private const string Section = SlackOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured) return ValidateOptionsResult.Success;

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            var set = options.IsEnabled ? nameof(SlackOptions.SigningSecret) : nameof(SlackOptions.AppToken);
            problems.Add($"{Section}:BotToken is required when {Section}:{set} is set (the xoxb- token for the Web API).");
        }

        if (options.IsSocketMode && !options.AppToken.StartsWith(SlackOptions.AppTokenPrefix, StringComparison.Ordinal))
        {
            problems.Add($"{Section}:AppToken must be an app-level token starting with {SlackOptions.AppTokenPrefix} (Basic Information → App-Level Tokens, scope connections:write).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Section}:ApiBaseUrl must be an absolute http(s) URL such as {SlackOptions.DefaultApiBaseUrl}; got '{options.ApiBaseUrl}'.");
        }

        var resilience = options.Resilience;
        var key = $"{Section}:Resilience";
        if (resilience.MaxRetryAttempts is < 0 or > 10) problems.Add($"{key}:MaxRetryAttempts must be 0-10.");
        if (resilience.BaseDelay <= TimeSpan.Zero || resilience.MaxDelay < resilience.BaseDelay) problems.Add($"{key}:BaseDelay must be positive and at most {key}:MaxDelay.");
        if (resilience.AttemptTimeout <= TimeSpan.Zero) problems.Add($"{key}:AttemptTimeout must be positive.");
        if (resilience.FailureRatio is <= 0 or > 1) problems.Add($"{key}:FailureRatio must be above 0 and at most 1.");
        if (resilience.MinimumThroughput < 2) problems.Add($"{key}:MinimumThroughput must be at least 2.");
        if (resilience.SamplingDuration < TimeSpan.FromMilliseconds(500) || resilience.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"{key}:SamplingDuration and {key}:BreakDuration must be at least 00:00:00.5.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
