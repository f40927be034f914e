using SecBot.Domain.Policy;

namespace SecBot.Domain.Roster;

/// <summary>
/// When each member of a rotation is on call. Shift k starts when the rotation's clocks show
/// Start + k × Length, so a weekly Monday 09:00 handoff stays at 09:00 local whatever the UTC offset;
/// see <see cref="ZonedTime.ToInstant"/> for handoffs that fall in a DST gap or overlap.
/// </summary>
public sealed class RotationSchedule
{
    private readonly DateTime _localStart;

    public RotationSchedule(RotationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Length <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Rotation '{options.Id}' needs a positive Length.", nameof(options));
        }

        Id = options.Id;
        Name = options.Name;
        Role = options.Role;
        Members = options.Members.ToArray().AsReadOnly();
        Length = options.Length;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        _localStart = DateTime.SpecifyKind(options.Start, DateTimeKind.Unspecified);
    }

    public string Id { get; }
    public string Name { get; }

    /// <summary>The role paged through this rotation; empty when it pages no role.</summary>
    public string Role { get; }

    public IReadOnlyList<string> Members { get; }
    public TimeSpan Length { get; }
    public TimeZoneInfo TimeZone { get; }

    public PageTarget Target => new(PageTargetKind.Rotation, Id);

    /// <summary>The instant the first shift begins.</summary>
    public DateTimeOffset FirstShiftStart => HandoffAt(0);

    /// <summary>The instant shift <paramref name="shiftIndex"/> begins (and shift <paramref name="shiftIndex"/> − 1 ends).</summary>
    public DateTimeOffset HandoffAt(long shiftIndex)
    {
        var localTicks = (Int128)_localStart.Ticks + ((Int128)shiftIndex * Length.Ticks);
        if (localTicks > DateTime.MaxValue.Ticks) return DateTimeOffset.MaxValue;
        if (localTicks < DateTime.MinValue.Ticks) return DateTimeOffset.MinValue;
        return ZonedTime.ToInstant(new DateTime((long)localTicks, DateTimeKind.Unspecified), TimeZone);
    }

    public RotationShift Shift(long shiftIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shiftIndex);
        if (Members.Count == 0) throw new InvalidOperationException($"Rotation '{Id}' has no members.");
        var member = Members[(int)(shiftIndex % Members.Count)];
        return new RotationShift(shiftIndex, member, HandoffAt(shiftIndex), HandoffAt(shiftIndex + 1));
    }

    /// <summary>The shift under way at <paramref name="instant"/>; null before the first shift or when nobody is a member.</summary>
    public RotationShift? ShiftAt(DateTimeOffset instant)
    {
        if (Members.Count == 0) return null;

        // The local-time estimate is off by at most a shift or two around DST changes; the handoff instants settle it.
        var index = Math.Max(0, EstimateShiftIndex(instant));
        while (index >= 0 && HandoffAt(index) > instant) index--;
        if (index < 0) return null;
        while (true)
        {
            var next = HandoffAt(index + 1);
            if (next > instant || next == DateTimeOffset.MaxValue) break;
            index++;
        }

        return Shift(index);
    }

    private long EstimateShiftIndex(DateTimeOffset instant)
    {
        var elapsed = ZonedTime.LocalTimeOf(instant, TimeZone).Ticks - _localStart.Ticks;
        var index = elapsed / Length.Ticks;
        return elapsed < 0 && elapsed % Length.Ticks != 0 ? index - 1 : index;
    }
}
