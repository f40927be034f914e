namespace SecBot.Domain.Roster;

/// <summary>How the people in an <see cref="OnCallResult"/> were found.</summary>
public enum OnCallSource
{
    /// <summary>The rotation's on-call member for the current shift.</summary>
    Rotation,

    /// <summary>Someone covering the rotation or role for a window.</summary>
    Override,

    /// <summary>Everyone holding a role that has no rotation.</summary>
    RoleHolders,

    /// <summary>Nobody was on call, so the team's manager is paged instead.</summary>
    ManagerFallback,

    /// <summary>Nobody was on call and there is no manager to fall back to.</summary>
    Nobody,
}
