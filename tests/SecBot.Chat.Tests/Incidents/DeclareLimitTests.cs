using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Inbound;
using SecBot.Chat.Incidents;
using SecBot.Chat.Telemetry;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Incidents;

/// <summary>Declares per person (shipped default: 5 a minute), on the fake clock: at most 5 within any minute.</summary>
public sealed class DeclareLimitTests : IDisposable
{
    private static readonly Person Sam = new("sam", "Sam Okafor", "sam@example.com", "U0SAM00002", "");
    private static readonly Person Maya = new("maya", "Maya Chen", "maya@example.com", "U0MAYA0001", "");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<RefusedRequests> _logger = new();
    private readonly Meters _meters = new();

    [Fact]
    public void A_person_may_declare_up_to_the_limit_then_is_told_when_they_may_again_and_others_are_not_affected()
    {
        using var limit = NewLimit();

        Assert.All(Enumerable.Range(0, 5), _ => Assert.Null(limit.TryTake(Sam)));
        _time.Advance(TimeSpan.FromSeconds(4));
        var refusal = limit.TryTake(Sam);

        Assert.NotNull(refusal);
        Assert.Contains("at most 5 declares per person per 1 minute", refusal, StringComparison.Ordinal);
        Assert.Contains("You may declare again in 56 seconds", refusal, StringComparison.Ordinal);
        Assert.Null(limit.TryTake(Maya));
    }

    [Fact]
    public void Each_declare_counts_for_one_window_from_when_it_was_made_and_no_more_than_the_limit_builds_up()
    {
        using var limit = NewLimit();
        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limit.TryTake(Sam)));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.All(Enumerable.Range(0, 2), _ => Assert.Null(limit.TryTake(Sam)));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Contains("again in 1 second.", limit.TryTake(Sam), StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limit.TryTake(Sam)));
        Assert.Contains("again in 30 seconds", limit.TryTake(Sam), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Null(limit.TryTake(Sam)));
        Assert.NotNull(limit.TryTake(Sam));
    }

    [Fact]
    public void Every_refused_declare_is_counted_under_its_cause_and_logged_once_a_minute()
    {
        using var limit = NewLimit();
        using var collector = new MetricCollector<long>(_meters, SecBotMeter.Name, "secbot.requests.refused");

        for (var i = 0; i < 200; i++) limit.TryTake(Sam);

        Assert.Equal(195, collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["cause"], DeclareLimit.RefusalCause)).Sum(m => m.Value));
        var line = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Contains("declare-rate", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_declare_through_the_chat_layer_says_so_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, limits: new ChatHarness.Limits(Declares: new DeclareLimitOptions { PerPerson = 2, Window = TimeSpan.FromMinutes(1) }));
        await chat.DeclareAsync("sam", "First");
        await chat.DeclareAsync("sam", "Second");
        var before = await chat.CountsAsync();

        var refused = await chat.SayAsync("sam", "declare Third type:customer");

        Assert.True(refused.IsRefusal);
        Assert.StartsWith("Not declared: at most 2 declares per person per 1 minute (SecBot:Limits:Declares)", refused.Text, StringComparison.Ordinal);
        Assert.Contains("You may declare again in 60 seconds", refused.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());

        chat.Time.Advance(TimeSpan.FromMinutes(1));
        await chat.DeclareAsync("sam", "Third");
        Assert.Equal(3, (await chat.CountsAsync()).Incidents);
    }

    [Fact]
    public void A_declare_given_back_does_not_count_and_gives_back_only_the_callers_last_one()
    {
        using var limit = NewLimit();
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Null(limit.TryTake(Sam)));
        limit.GiveBack(Maya);
        Assert.NotNull(limit.TryTake(Sam));

        limit.GiveBack(Sam);

        Assert.Null(limit.TryTake(Sam));
        Assert.NotNull(limit.TryTake(Sam));
    }

    [Fact]
    public async Task Refused_declares_typos_and_engine_refusals_do_not_use_up_the_persons_declare_limit()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, limits: new ChatHarness.Limits(Declares: new DeclareLimitOptions { PerPerson = 2, Window = TimeSpan.FromMinutes(1) }));
        await chat.DeclareAsync("sam", "First");

        for (var i = 0; i < 3; i++)
        {
            var typo = await chat.SayAsync("sam", "declare Database down level:L9");
            Assert.StartsWith("Unknown level 'L9'", typo.Text, StringComparison.Ordinal);
            var engineRefusal = await chat.SayAsync("sam", "declare Breach of the payroll system level:EXEC");
            Assert.Contains("may take an incident to Executive", engineRefusal.Text, StringComparison.Ordinal);
        }

        await chat.DeclareAsync("sam", "Second");
        Assert.Equal(2, (await chat.CountsAsync()).Incidents);
        Assert.StartsWith("Not declared: at most 2 declares", (await chat.SayAsync("sam", "declare Third")).Text, StringComparison.Ordinal);
    }

    private DeclareLimit NewLimit() => new(new DeclareLimitOptions(), _time, new RefusedRequests(_time, _logger, _meters));

    public void Dispose() => _meters.Dispose();

    private sealed class Meters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters) meter.Dispose();
        }
    }
}
