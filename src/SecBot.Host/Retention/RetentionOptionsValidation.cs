using Microsoft.Extensions.Options;
using SecBot.Host.Background;

namespace SecBot.Host.Retention;

/// <summary>Start-up checks of <c>SecBot:Retention</c>, each naming its key.</summary>
internal sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    private const string Section = RetentionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.SentMessages < TimeSpan.FromHours(1)) problems.Add($"{Section}:SentMessages must be at least 01:00:00, so a delivery can still be looked into for a while after it went out.");
        if (options.InboundKeys < TimeSpan.FromDays(1)) problems.Add($"{Section}:InboundKeys must be at least 1.00:00:00, past Slack's retry window.");
        if (options.SentCards < TimeSpan.FromDays(1)) problems.Add($"{Section}:SentCards must be at least 1.00:00:00, so the messages of a day's incidents follow their state.");
        if (PeriodicLoop.ProblemWith($"{Section}:SweepEvery", options.SweepEvery) is { } sweep) problems.Add(sweep);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
