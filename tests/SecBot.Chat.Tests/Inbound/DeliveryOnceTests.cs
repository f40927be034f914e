using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Inbound;
using SecBot.Storage.Inbound;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Inbound;

/// <summary>
/// Each delivery of any source is handled once (contract.md "Guarantees"), over the real key store: a repeat changes
/// nothing, a failure before any change is retried, a change settles its key in its own transaction.
/// </summary>
public sealed class DeliveryOnceTests
{
    private const string Source = "test.source";

    [Fact]
    public async Task A_delivery_is_handled_once_and_its_repeat_is_a_duplicate()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var once = Once(database);
        var runs = 0;

        Assert.Equal(InboundOutcome.Handled, await once.RunAsync(Source, "k1", _ => { runs++; return Task.CompletedTask; }, CancellationToken.None));
        Assert.Equal(InboundOutcome.Duplicate, await once.RunAsync(Source, "k1", _ => { runs++; return Task.CompletedTask; }, CancellationToken.None));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_failure_before_any_change_forgets_the_key_so_the_retry_is_handled()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var once = Once(database);

        Assert.Equal(InboundOutcome.Failed, await once.RunAsync(Source, "k2", _ => throw new InvalidOperationException("boom"), CancellationToken.None));
        Assert.Equal(InboundOutcome.Handled, await once.RunAsync(Source, "k2", _ => Task.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_settles_the_key_in_its_own_transaction_so_a_failure_after_it_keeps_the_key_past_the_lease()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var once = Once(database);

        var outcome = await once.RunAsync(
            Source,
            "k3",
            async progress =>
            {
                await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("effect", "k3"), CancellationToken.None);
                progress.Committed();
                throw new InvalidOperationException("the reply could not be queued");
            },
            CancellationToken.None);
        database.Time.Advance(InboundKeys.DefaultClaimLease + TimeSpan.FromSeconds(1));

        Assert.Equal(InboundOutcome.Handled, outcome);
        Assert.Equal(InboundOutcome.Duplicate, await once.RunAsync(Source, "k3", _ => Task.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public async Task Forget_unless_committed_lets_a_refused_press_be_made_again_but_not_a_committed_one()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var once = Once(database);

        Assert.Equal(InboundOutcome.Handled, await once.RunAsync(Source, "refused", InboundMode.ForgetUnlessCommitted, _ => Task.CompletedTask, CancellationToken.None));
        Assert.Equal(InboundOutcome.Handled, await once.RunAsync(Source, "refused", InboundMode.ForgetUnlessCommitted, _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(InboundOutcome.Handled, await once.RunAsync(Source, "done", InboundMode.ForgetUnlessCommitted, Commit, CancellationToken.None));
        Assert.Equal(InboundOutcome.Duplicate, await once.RunAsync(Source, "done", InboundMode.ForgetUnlessCommitted, Commit, CancellationToken.None));
    }

    [Fact]
    public async Task A_repeat_while_the_first_is_still_being_handled_is_told_it_is_running()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var once = Once(database);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = once.RunAsync(Source, "k4", async _ => { started.SetResult(); await release.Task; }, CancellationToken.None);
        await started.Task;
        var repeat = await once.RunAsync(Source, "k4", _ => Task.CompletedTask, CancellationToken.None);
        release.SetResult();

        Assert.Equal(InboundOutcome.Running, repeat);
        Assert.Equal(InboundOutcome.Handled, await first);
    }

    private static Task Commit(InboundProgress progress)
    {
        progress.Committed();
        return Task.CompletedTask;
    }

    private static DeliveryOnce Once(TemporaryDatabase database) =>
        new(new InboundKeys(database.Store), NullLogger<DeliveryOnce>.Instance);
}
