using SecBot.Domain.Policy;

namespace SecBot.Domain.Reviews;

/// <summary>The seat a sign-off goes on and the role that entitles the signer to it, or why there is none.</summary>
internal sealed record SeatChoice(SeatOptions? Seat, string RoleHeld, bool IsOptional, string? Refusal)
{
    public static SeatChoice Required(SeatOptions seat, string roleHeld) => new(seat, roleHeld, false, null);

    public static SeatChoice Optional(SeatOptions seat, string roleHeld) => new(seat, roleHeld, true, null);

    public static SeatChoice Refused(string refusal) => new(null, "", false, refusal);
}
