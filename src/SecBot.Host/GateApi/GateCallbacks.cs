using System.Text;
using System.Text.Json;
using SecBot.Chat.Reviews;
using SecBot.Domain.Reviews;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Reviews;

namespace SecBot.Host.GateApi;

/// <summary>
/// Queues the callback of a gate opened through the API with a <c>callback_url</c> when it is decided (approved, or
/// changes requested), in the outbox, in the decision's own transaction: the decision and its callback commit together,
/// and the dispatcher delivers it with its retries and dead-lettering like any message.
/// </summary>
public sealed class GateCallbacks(GateResources resources) : IGateChangeObserver
{
    /// <summary>The outbox platform of callbacks (<see cref="GateCallbackSender"/>).</summary>
    public const string Transport = "callback";

    public const string Kind = "gate.callback";

    public async Task SavedAsync(StoreTransaction transaction, Gate? before, Gate after)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(after);
        if (after.State == GateState.Open) return;
        if (before is not null && before.State == after.State && before.Revision == after.Revision) return;
        if (await ApiGateRepository.FindAsync(transaction, after.Number) is not { CallbackUrl: { } url } origin) return;

        var body = Encoding.UTF8.GetString(resources.JsonOf(after, origin.SelfUrl));
        var payload = JsonSerializer.Serialize(new GateCallback(after.Key, url, origin.KeySha256, body), GateApiJsonContext.Default.GateCallback);
        // One channel per gate: its callbacks (a rejection, then after a resubmission an approval) arrive in order.
        await transaction.EnqueueOutboxAsync(new OutboxMessage(Transport, $"{Transport}:{after.Key}", Kind, payload));
    }
}
