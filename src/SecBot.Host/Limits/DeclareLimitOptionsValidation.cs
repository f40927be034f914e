using Microsoft.Extensions.Options;
using SecBot.Chat.Incidents;

namespace SecBot.Host.Limits;

/// <summary>Start-up checks of <c>SecBot:Limits:Declares</c>, each naming its key.</summary>
internal sealed class DeclareLimitOptionsValidation : IValidateOptions<DeclareLimitOptions>
{
    private const string Section = DeclareLimitOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DeclareLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.PerPerson < 1) problems.Add($"{Section}:PerPerson must be 1 or more: how many incidents one person may declare within the window.");
        // Under a second the limit is no limit; over an hour a refused person waits that long to declare a real incident.
        if (options.Window < TimeSpan.FromSeconds(1) || options.Window > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:Window must be between 00:00:01 and 01:00:00: declares are counted within it, and a refused person may declare again within it.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
