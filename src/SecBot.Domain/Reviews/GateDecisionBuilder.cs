namespace SecBot.Domain.Reviews;

/// <summary>Collects one decision's changes to a gate; the version moves on by one per decision.</summary>
internal sealed class GateDecisionBuilder(Gate gate, DateTimeOffset now)
{
    private readonly List<LedgerEntry> _ledger = [];
    private readonly List<GateEvent> _events = [];
    private readonly List<GateNotice> _notices = [];
    private readonly List<ReviewTimer> _timers = [];
    private StaleSignOffs? _stale;

    public Gate Gate { get; private set; } = gate;
    public DateTimeOffset Now { get; } = now;

    public void Update(Func<Gate, Gate> change) => Gate = change(Gate);

    public void SignOff(SignOff signOff)
    {
        Gate = Gate with { SignOffs = [.. Gate.SignOffs, signOff] };
        _ledger.Add(LedgerEntry.Of(Gate.Number, signOff));
    }

    /// <summary>A ledger row about the whole gate, at its revision and stage as they are now.</summary>
    public void GateEntry(string decision, string personId, string roleHeld, string? comment, string platform, bool isOverride = false) =>
        _ledger.Add(new LedgerEntry(Gate.Number, Gate.Revision, Gate.StageNumber, LedgerEntry.WholeGate, personId, roleHeld, decision, comment, [], platform, isOverride, Now));

    /// <summary>Flags every sign-off of an older revision than the gate's current one.</summary>
    public void MarkOlderRevisionsStale()
    {
        var revision = Gate.Revision;
        Gate = Gate with { SignOffs = [.. Gate.SignOffs.Select(s => s.Revision < revision && !s.IsStale ? s with { IsStale = true } : s)] };
        _stale = new StaleSignOffs(Gate.Number, revision);
    }

    public void Event(string kind, string actor, string detail) => _events.Add(new GateEvent(Now, kind, actor, detail));

    public void Notify(GateNotice notice) => _notices.Add(notice);

    public void Timer(ReviewTimerPurpose purpose, TimeSpan after) =>
        _timers.Add(new ReviewTimer(Gate.Number, Gate.Revision, Gate.StageNumber, purpose, Now + after));

    public GateDecision Build()
    {
        var final = Gate with { Version = Gate.Version + 1 };
        var notices = _notices.Select(n => n with { Gate = final }).ToList();
        return new GateDecision(final, _ledger, _stale, _events, notices, _timers);
    }
}
