using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Ledger;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Ledger;

namespace SecBot.Host.Tests.Ledger;

/// <summary>The signed checkpoints of the ledger's head, through the real app over a ledger written by the repository.</summary>
public sealed class LedgerCheckpointerTests
{
    private const string Key = "checkpointer-test-key-0123456789abcdef";
    private static readonly DateTimeOffset Now = LedgerDatabase.Day2.AddDays(1);

    [Fact]
    public async Task A_checkpoint_signs_the_head_posts_it_to_the_incidents_channel_and_verifies_with_the_ledger_command()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var log = LogCapture.Of<LedgerCheckpointer>();
        await using var app = await CreateAsync(dir, database, log, $"--SecBot:Ledger:CheckpointKey={Key}");
        var checkpointer = app.Services.GetRequiredService<LedgerCheckpointer>();

        var (line, problems) = await checkpointer.CheckpointAsync(CancellationToken.None);
        var again = await checkpointer.CheckpointAsync(CancellationToken.None);

        Assert.Empty(problems);
        var checkpoint = LedgerCheckpoint.Read(line!, Key).Checkpoint!;
        Assert.Equal((Now, (long)LedgerDatabase.Records), (checkpoint.At, checkpoint.Records));
        var posted = Assert.Single(await PostedAsync(app));
        Assert.Equal((LedgerCheckpointer.CheckpointTitle, line), (posted.Title, posted.Text));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && e.Message == $"Ledger checkpoint: {line}");
        Assert.Null(again.Line);
        Assert.Single(await PostedAsync(app));

        var output = new StringWriter();
        var exit = await LedgerCommand.RunAsync(["verify", "--checkpoint", line!, $"--SecBot:Ledger:CheckpointKey={Key}", $"--SecBot:Database:Path={database}"], output, new StringWriter());
        Assert.Equal(0, exit);
        Assert.Contains("pinned: the checkpoint of", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_rewrite_it_signs_nothing_and_posts_a_warning_naming_what_changed()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var log = LogCapture.Of<LedgerCheckpointer>();
        await using var app = await CreateAsync(dir, database, log, $"--SecBot:Ledger:CheckpointKey={Key}");
        var checkpointer = app.Services.GetRequiredService<LedgerCheckpointer>();
        var (signed, _) = await checkpointer.CheckpointAsync(CancellationToken.None);

        await LedgerForger.RewriteAsync($"Data Source={database};Pooling=False", 2, "comment = 'ship it'");
        var (line, problems) = await checkpointer.CheckpointAsync(CancellationToken.None);

        Assert.NotNull(signed);
        Assert.Null(line);
        var problem = Assert.Single(problems);
        Assert.Contains("record 4's hash is", problem, StringComparison.Ordinal);
        Assert.Contains("the ledger was rewritten since it was signed", problem, StringComparison.Ordinal);
        var warning = (await PostedAsync(app))[^1];
        Assert.Equal(LedgerCheckpointer.FailureTitle, warning.Title);
        Assert.Contains(problem, warning.Text, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("no checkpoint signed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ledger_rewritten_while_SecBot_was_stopped_is_not_signed_afresh_when_checkpoints_go_to_a_file()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var file = dir.File("checkpoints.log");
        string[] settings = [$"--SecBot:Ledger:CheckpointKey={Key}", $"--SecBot:Ledger:CheckpointFile={file}"];
        string? signed;
        await using (var first = await CreateAsync(dir, database, LogCapture.Of<LedgerCheckpointer>(), settings))
        {
            (signed, _) = await first.Services.GetRequiredService<LedgerCheckpointer>().CheckpointAsync(CancellationToken.None);
        }

        await LedgerForger.RewriteAsync($"Data Source={database};Pooling=False", 2, "comment = 'ship it'");
        await using var restarted = await CreateAsync(dir, database, LogCapture.Of<LedgerCheckpointer>(), settings);
        var (line, problems) = await restarted.Services.GetRequiredService<LedgerCheckpointer>().CheckpointAsync(CancellationToken.None);

        Assert.Equal([signed!], await File.ReadAllLinesAsync(file));
        Assert.Null(line);
        Assert.Contains("the ledger was rewritten since it was signed", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Equal(LedgerCheckpointer.FailureTitle, (await PostedAsync(restarted))[^1].Title);
    }

    [Fact]
    public async Task A_checkpoint_file_whose_last_line_was_edited_stops_signing_and_says_why()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var file = dir.File("checkpoints.log");
        await File.WriteAllTextAsync(file, "secbot-ledger-checkpoint/1 at=2026-03-05T09:00:00.000Z records=4 head=" + new string('0', 64) + " hmac=" + new string('0', 64) + "\n");
        await using var app = await CreateAsync(dir, database, LogCapture.Of<LedgerCheckpointer>(), $"--SecBot:Ledger:CheckpointKey={Key}", $"--SecBot:Ledger:CheckpointFile={file}");

        var (line, problems) = await app.Services.GetRequiredService<LedgerCheckpointer>().CheckpointAsync(CancellationToken.None);

        Assert.Null(line);
        Assert.Contains($"the last line of {file} is not a checkpoint signed with this key", problems[0], StringComparison.Ordinal);
        Assert.Single(await File.ReadAllLinesAsync(file));
    }

    [Fact]
    public async Task A_ledger_whose_guard_triggers_were_dropped_is_not_signed()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        await LedgerDatabase.ExecuteAsync(database, "DROP TRIGGER signoffs_refuse_update");
        await using var app = await CreateAsync(dir, database, LogCapture.Of<LedgerCheckpointer>(), $"--SecBot:Ledger:CheckpointKey={Key}");

        var (line, problems) = await app.Services.GetRequiredService<LedgerCheckpointer>().CheckpointAsync(CancellationToken.None);

        Assert.Null(line);
        Assert.Contains("the guard trigger signoffs_refuse_update is missing", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Equal(LedgerCheckpointer.FailureTitle, Assert.Single(await PostedAsync(app)).Title);
    }

    [Fact]
    public async Task Without_a_key_nothing_is_checkpointed_and_the_start_up_log_says_so()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        var log = LogCapture.Of<LedgerCheckpointer>();
        await using var app = await CreateAsync(dir, database, log);

        await app.StartAsync();
        var warning = await log.WaitForAsync(e => e.EventId == 802);
        var (line, problems) = await app.Services.GetRequiredService<LedgerCheckpointer>().CheckpointAsync(CancellationToken.None);
        await app.StopAsync();

        Assert.Null(line);
        Assert.Empty(problems);
        Assert.Empty(await PostedAsync(app));
        Assert.Single(log.Entries, e => e.EventId == 802);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("No SecBot:Ledger:CheckpointKey configured: the ledger's head is not checkpointed", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CheckpointKey", "too-short", "SecBot:Ledger:CheckpointKey must be at least 32 bytes")]
    [InlineData("CheckpointEvery", "00:00:10", "SecBot:Ledger:CheckpointEvery must be at least 00:01:00")]
    [InlineData("CheckpointEvery", "60d", "SecBot:Ledger:CheckpointEvery must be at most 30.00:00:00")]
    public async Task A_short_key_or_an_unusable_interval_stops_the_host_and_names_its_key(string key, string value, string problem)
    {
        using var dir = new TempDirectory();
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Ledger"] = new System.Text.Json.Nodes.JsonObject { [key] = value });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings, dir.File("secbot.db")));

        Assert.Contains(problem, SecBot.Host.Configuration.StartupFailure.Describe(failure), StringComparison.Ordinal);
    }

    private static Task<WebApplication> CreateAsync(TempDirectory dir, string database, LogCapture log, params string[] args) =>
        SecBotApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={database}", .. args],
            PolicyFile.WriteCopy(dir),
            services =>
            {
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
                services.AddSingleton<ILoggerProvider>(log);
            });

    /// <summary>The cards queued for the incidents channel, oldest first.</summary>
    private static async Task<List<SecBot.Chat.Cards.Card>> PostedAsync(WebApplication app)
    {
        var queued = await app.Services.GetRequiredService<IStore>().OutboxEntriesAsync();
        return [.. queued.Where(m => m.ChannelKey == Recipient.IncidentsChannel.ChannelKey).Select(m => OutboxWriter.Read(m.Payload).Card)];
    }
}
