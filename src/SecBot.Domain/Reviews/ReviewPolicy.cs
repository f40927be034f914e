using SecBot.Domain.Policy;

namespace SecBot.Domain.Reviews;

/// <summary>Read-side of <see cref="ReviewOptions"/>: gate types and seats by id, reminder delays.</summary>
public sealed class ReviewPolicy
{
    private readonly ReviewOptions _options;

    public ReviewPolicy(ReviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public TimeSpan ReminderAfter => _options.ReminderAfter;
    public TimeSpan ManagerNoticeAfter => _options.ManagerNoticeAfter;
    public IReadOnlyList<GateTypeOptions> GateTypes => _options.GateTypes;

    public string TypeNames => string.Join("|", _options.GateTypes.Select(t => t.Id));

    public GateTypeOptions? FindType(string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? null
            : _options.GateTypes.FirstOrDefault(t => t.Id.Equals(id.Trim(), StringComparison.OrdinalIgnoreCase));

    public SeatOptions? FindSeat(string? id) =>
        string.IsNullOrWhiteSpace(id)
            ? null
            : _options.Seats.FirstOrDefault(s => s.Id.Equals(id.Trim(), StringComparison.OrdinalIgnoreCase));

    public SeatOptions Seat(string id) =>
        FindSeat(id) ?? throw new InvalidOperationException($"seat '{id}' is not configured");
}
