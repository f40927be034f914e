using Microsoft.Extensions.Options;
using SecBot.Host.Background;
using SecBot.Chat.Cards;
using SecBot.Chat.Delivery;
using SecBot.Storage;
using SecBot.Storage.Ledger;

namespace SecBot.Host.Ledger;

/// <summary>
/// Anchors the sign-off ledger outside the database: at start and then every <see cref="LedgerOptions.CheckpointEvery"/>
/// it verifies the ledger and, when it is intact and has grown since the last checkpoint, signs its head
/// (<see cref="LedgerCheckpoint"/>, keyed with <see cref="LedgerOptions.CheckpointKey"/>) and posts the line to the
/// incidents channel (through the outbox) and to the log. It never signs a ledger that does not verify, or one that no
/// longer holds the head it signed last: it posts a warning instead. Without a key it does nothing, and says so at start.
/// </summary>
public sealed partial class LedgerCheckpointer(
    IStore store, OutboxWriter outbox, IOptions<LedgerOptions> options, TimeProvider time, ILogger<LedgerCheckpointer> logger)
    : BackgroundService
{
    public const string CheckpointTitle = "Sign-off ledger checkpoint";
    public const string FailureTitle = "Sign-off ledger verification FAILED";

    private readonly LedgerOptions _options = options.Value;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private LedgerCheckpoint? _last;

    /// <summary>
    /// One checkpoint as of now: the line it posted (null when there was nothing new to sign, or it would not sign),
    /// and what is wrong with the ledger when it did not verify (empty when it did).
    /// </summary>
    public async Task<(string? Line, IReadOnlyList<string> Problems)> CheckpointAsync(CancellationToken cancellationToken)
    {
        if (!_options.SignsCheckpoints) return (null, []);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var (remembered, fileProblem) = _last is null ? await LastFromFileAsync(cancellationToken) : (_last, null);
            IReadOnlyCollection<LedgerPin> pins = remembered is { } last ? [LedgerPin.Of(last)] : [];
            var verification = await store.ReadAsync(c => LedgerVerifier.VerifyAsync(c, pins, cancellationToken), cancellationToken);
            if (!verification.IsIntact || fileProblem is not null)
            {
                IReadOnlyList<string> found = verification.Fault is { } fault ? [fault.ToString(), .. verification.Problems] : verification.Problems;
                IReadOnlyList<string> problems = fileProblem is null ? found : [fileProblem, .. found];
                await PostAsync(new Card
                {
                    Title = FailureTitle,
                    Text = "No checkpoint was signed. " + string.Join("\n", problems),
                    Context = "Run `ledger verify` on the SecBot host, and compare the ledger with the checkpoints posted here before.",
                    Tone = CardTone.Warning,
                }, cancellationToken);
                LogNotSigned(string.Join("; ", problems));
                return (null, problems);
            }

            _last = remembered;
            if (verification.HeadHash is not { } head || verification.LastId == _last?.Records) return (null, []);

            var checkpoint = new LedgerCheckpoint(time.GetUtcNow(), verification.LastId, head);
            var line = checkpoint.Sign(_options.CheckpointKey);
            await PostAsync(new Card
            {
                Title = CheckpointTitle,
                Text = line,
                Context = "Keep this line: `ledger verify --checkpoint \"<line>\"` shows the ledger still holds these records unchanged.",
            }, cancellationToken);
            LogCheckpoint(line);
            if (_options.CheckpointFile.Length > 0) await File.AppendAllTextAsync(_options.CheckpointFile, line + "\n", cancellationToken);
            _last = checkpoint;
            return (line, []);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The last line of <see cref="LedgerOptions.CheckpointFile"/>, checked against the key; a problem when it does not check.</summary>
    private async Task<(LedgerCheckpoint? Last, string? Problem)> LastFromFileAsync(CancellationToken cancellationToken)
    {
        if (_options.CheckpointFile.Length == 0 || !File.Exists(_options.CheckpointFile)) return (null, null);
        var lines = await File.ReadAllLinesAsync(_options.CheckpointFile, cancellationToken);
        if (lines.LastOrDefault(l => l.Trim().Length > 0) is not { } line) return (null, null);
        var (checkpoint, problem) = LedgerCheckpoint.Read(line, _options.CheckpointKey);
        return checkpoint is null
            ? (null, $"the last line of {_options.CheckpointFile} is not a checkpoint signed with this key ({problem})")
            : (checkpoint, null);
    }

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.SignsCheckpoints)
        {
            LogNoKey(LedgerOptions.SectionName);
            return;
        }

        LogCheckpointing(_options.CheckpointEvery);
        await PeriodicLoop.RunAsync(_options.CheckpointEvery, time, CheckpointAsync, LogCheckpointFailed, stoppingToken);
    }

    private Task PostAsync(Card card, CancellationToken cancellationToken) =>
        store.WriteAsync(transaction => outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.IncidentsChannel, card)), cancellationToken);

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Ledger checkpoint: {Line}")]
    private partial void LogCheckpoint(string line);

    [LoggerMessage(EventId = 801, Level = LogLevel.Error, Message = "Ledger verification failed; no checkpoint signed: {Problems}")]
    private partial void LogNotSigned(string problems);

    [LoggerMessage(EventId = 802, Level = LogLevel.Warning,
        Message = "No {Section}:CheckpointKey configured: the ledger's head is not checkpointed, so a ledger rewritten by whoever holds the database file would still verify")]
    private partial void LogNoKey(string section);

    [LoggerMessage(EventId = 803, Level = LogLevel.Information, Message = "Ledger checkpoints are signed every {Every} (the first now), when the ledger has grown")]
    private partial void LogCheckpointing(TimeSpan every);

    [LoggerMessage(EventId = 804, Level = LogLevel.Error, Message = "Ledger checkpoint failed; it is tried again at the next interval")]
    private partial void LogCheckpointFailed(Exception exception);
}
