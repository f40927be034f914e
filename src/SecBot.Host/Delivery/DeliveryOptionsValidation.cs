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
        // Shorter than a send takes and another replica sends the same message again; longer and a dead replica's messages wait that long.
        return options.ClaimLease < ShortestClaimLease || options.ClaimLease > LongestClaimLease
            ? ValidateOptionsResult.Fail(
                $"{Section}:ClaimLease must be between 00:00:02 and 01:00:00: it is how long a replica holds the messages it is sending, "
                + "and how late another replica takes them over if it dies.")
            : ValidateOptionsResult.Success;
    }
}
