using System.Text;
using Microsoft.Extensions.Options;
using SecBot.Host.Background;

namespace SecBot.Host.Ledger;

/// <summary>Start-up checks of <c>SecBot:Ledger</c>, each naming its key.</summary>
internal sealed class LedgerOptionsValidation : IValidateOptions<LedgerOptions>
{
    private const string Section = LedgerOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.SignsCheckpoints && Encoding.UTF8.GetByteCount(options.CheckpointKey) < LedgerOptions.MinimumKeyBytes)
        {
            problems.Add($"{Section}:CheckpointKey must be at least {LedgerOptions.MinimumKeyBytes} bytes (e.g. 64 random hex digits), or empty for no checkpoints.");
        }

        if (PeriodicLoop.ProblemWith($"{Section}:CheckpointEvery", options.CheckpointEvery) is { } every) problems.Add(every);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
