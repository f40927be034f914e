using System.Diagnostics.Metrics;

namespace SecBot.Storage.Telemetry;

/// <summary>
/// SecBot's counts of what it committed, on the <c>SecBot</c> meter (<c>/metrics</c> exports it). Each fact is recorded
/// by the store code that writes it, and only once the transaction holding it has committed
/// (<see cref="StoreTransaction.Record"/>): a declare from Slack, Teams, the console or an alert counts once, and a
/// write that rolls back or is retried counts nothing.
/// </summary>
public sealed class StoreMetrics
{
    /// <summary>The meter every SecBot instrument is created on.</summary>
    public const string MeterName = "SecBot";

    /// <summary>Seconds from declaring to the first acknowledgement: a minute's buckets up to half a day.</summary>
    private static readonly double[] AcknowledgeBuckets = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200];

    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048];

    private readonly Counter<long> _declared;
    private readonly Counter<long> _resolved;
    private readonly Counter<long> _pages;
    private readonly Histogram<double> _timeToAcknowledge;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _signOffs;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<int> _writerBatch;

    /// <param name="meters">The host's meter factory; null in tools and tests that build a store by hand (a meter of its own).</param>
    public StoreMetrics(IMeterFactory? meters)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _declared = meter.CreateCounter<long>("secbot.incidents.declared", "{incident}", "Incidents declared, by level and type");
        _resolved = meter.CreateCounter<long>("secbot.incidents.resolved", "{incident}", "Incidents resolved, by level and type");
        _pages = meter.CreateCounter<long>("secbot.pages.sent", "{page}", "People paged (each page of an incident), by level and reason");
        _timeToAcknowledge = meter.CreateHistogram(
            "secbot.incidents.time_to_acknowledge", "s", "Seconds from declaring an incident to its first acknowledgement, by level and type",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AcknowledgeBuckets });
        _escalations = meter.CreateCounter<long>("secbot.escalations", "{escalation}", "Escalations to a higher level, by trigger (automatic or manual) and the level reached");
        _signOffs = meter.CreateCounter<long>("secbot.signoffs", "{signoff}", "Sign-off ledger rows appended, by kind (signoff, gate-decision) and decision");
        _deadLettered = meter.CreateCounter<long>("secbot.outbox.dead_lettered", "{message}", "Outbox messages given up on (dead-lettered), by platform");
        _writerBatch = meter.CreateHistogram(
            "secbot.writer.batch_size", "{write}", "Writes committed together in one transaction by a group-committing writer, by writer",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
    }

    public void IncidentDeclared(string level, string type) => _declared.Add(1, Tag("level", level), Tag("type", type));

    public void IncidentResolved(string level, string type) => _resolved.Add(1, Tag("level", level), Tag("type", type));

    public void PageSent(string level, string reason) => _pages.Add(1, Tag("level", level), Tag("reason", reason));

    public void Acknowledged(string level, string type, TimeSpan sinceDeclared) =>
        _timeToAcknowledge.Record(Math.Max(0, sinceDeclared.TotalSeconds), Tag("level", level), Tag("type", type));

    /// <param name="trigger"><c>automatic</c> (nobody acknowledged in time) or <c>manual</c> (someone escalated).</param>
    public void Escalated(string trigger, string level) => _escalations.Add(1, Tag("trigger", trigger), Tag("level", level));

    public void SignedOff(string kind, string decision) => _signOffs.Add(1, Tag("kind", kind), Tag("decision", decision));

    public void DeadLettered(string platform) => _deadLettered.Add(1, Tag("platform", platform));

    /// <param name="writer"><c>store</c> (the SQLite store's single writer) or <c>alert-intake</c>.</param>
    public void WriterBatch(string writer, int writes) => _writerBatch.Record(writes, Tag("writer", writer));

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
