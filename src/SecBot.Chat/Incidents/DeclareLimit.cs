using System.Collections.Concurrent;
using SecBot.Chat.Inbound;
using SecBot.Domain;
using SecBot.Domain.Roster;

namespace SecBot.Chat.Incidents;

/// <summary>
/// Declares per roster person (<see cref="DeclareLimitOptions"/>): at most <see cref="DeclareLimitOptions.PerPerson"/>
/// within any <see cref="DeclareLimitOptions.Window"/>. Each person has a <see cref="WindowAllowance"/> of that many
/// permits; a declare holds one for the window. Held in memory: with several replicas each allows the
/// limit on its own (README, "Storm control and declare limits").
/// </summary>
public sealed class DeclareLimit : IDisposable
{
    /// <summary>The cause refused declares are counted and logged under (<see cref="RefusedRequests"/>).</summary>
    public const string RefusalCause = "declare-rate";

    private readonly DeclareLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly RefusedRequests _refused;
    private readonly ConcurrentDictionary<string, WindowAllowance> _allowances = new(StringComparer.OrdinalIgnoreCase);

    public DeclareLimit(DeclareLimitOptions options, TimeProvider time, RefusedRequests refused)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PerPerson);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero);
        _options = options;
        _time = time;
        _refused = refused;
    }

    /// <summary>Takes one declare from <paramref name="caller"/>'s allowance; null when they may go ahead, else the reply saying when they may.</summary>
    public string? TryTake(Person caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var allowance = _allowances.GetOrAdd(caller.Id, _ => new WindowAllowance(_options.PerPerson));
        if (allowance.TryHold(_time, _options.Window) is not { } nextFreeAt) return null;

        var seconds = Math.Max(1, (long)Math.Ceiling((nextFreeAt - _time.GetUtcNow()).TotalSeconds));
        _refused.Report(RefusalCause, $"{caller.Id} declared more than {_options.PerPerson} incidents within {ReadableTime.Span(_options.Window)}");
        return $"Not declared: at most {ReadableTime.Count(_options.PerPerson, "declare")} per person per {ReadableTime.Span(_options.Window)} "
            + $"({DeclareLimitOptions.SectionName}), and you have used them. You may declare again in "
            + $"{ReadableTime.Count(seconds, "second")}. Nothing was changed; to add to an open incident, use its channel or `status` to find it.";
    }

    /// <summary>
    /// Gives back the declare <paramref name="caller"/> took last: it was refused (a typo, the engine said no) and committed
    /// nothing, so it does not use up their allowance.
    /// </summary>
    public void GiveBack(Person caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (_allowances.TryGetValue(caller.Id, out var allowance)) allowance.ReleaseNewest();
    }

    public void Dispose()
    {
        foreach (var allowance in _allowances.Values) allowance.Dispose();
    }
}
