using Microsoft.Extensions.Options;

namespace SecBot.Host.Delivery;

/// <summary>Start-up checks of <c>SecBot:Delivery</c>, each naming its key.</summary>
internal sealed class DeliveryOptionsValidation : IValidateOptions<DeliveryOptions>
{
    private const string Section = DeliveryOptions.SectionName;

    public static readonly TimeSpan ShortestClaimLease = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestClaimLease = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        // Shorter than a send takes and another replica sends the same message again; longer and a dead replica's messages wait that long.
        if (options.ClaimLease < ShortestClaimLease || options.ClaimLease > LongestClaimLease)
        {
            failures.Add(
                $"{Section}:ClaimLease must be between 00:00:02 and 01:00:00: it is how long a replica holds the messages it is sending, "
                + "and how late another replica takes them over if it dies.");
        }

        if (options.PageStorm.Pages < 1)
        {
            failures.Add($"{Section}:PageStorm:Pages must be 1 or more: how many page messages one person gets within the window before the rest wait for a digest.");
        }

        // Under a minute and the digest is one more message a minute; over a day and a held page waits a day.
        if (options.PageStorm.Window < ShortestPageStormWindow || options.PageStorm.Window > LongestPageStormWindow)
        {
            failures.Add($"{Section}:PageStorm:Window must be between 00:01:00 and 1.00:00:00: the pages are counted within it, and a held page waits at most that long for its digest.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static readonly TimeSpan ShortestPageStormWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestPageStormWindow = TimeSpan.FromDays(1);
}
