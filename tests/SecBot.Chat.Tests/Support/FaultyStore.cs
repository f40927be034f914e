using System.Data.Common;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Incidents;

namespace SecBot.Chat.Tests.Support;

/// <summary>
/// A store that fails the writes <see cref="FailWhen"/> picks out, as a database refusing them would: the write's work
/// runs, then it throws inside its transaction, so nothing it wrote is kept. It also notes, while <see cref="Watch"/> is
/// on, every inbound key a committed write removed. Fault injection and observation through <see cref="IStore"/> and the
/// repositories' reads only, so it works over any provider. Linked into SecBot.Host.Tests, where it wraps a host's store.
/// </summary>
internal sealed class FaultyStore(IStore inner) : IStore
{
    private readonly List<(string Source, string Key)> _forgotten = [];
    private readonly IncidentRepository _incidents = new(inner);
    private readonly InboundKeys _inboundKeys = new(inner);
    private readonly OutboxRepository _outbox = new(inner);

    /// <summary>Which writes fail (null: none), judged on what the write changed.</summary>
    public Func<StoreChange, bool>? FailWhen { get; set; }

    /// <summary>The message of the exception a failed write throws.</summary>
    public string Failure { get; init; } = "injected failure";

    /// <summary>Note the inbound keys writes remove (<see cref="Forgotten"/>).</summary>
    public bool Watch { get; set; }

    /// <summary>The inbound keys removed by committed writes since <see cref="Watch"/> was turned on.</summary>
    public IReadOnlyList<(string Source, string Key)> Forgotten
    {
        get
        {
            lock (_forgotten) return [.. _forgotten];
        }
    }

    public async Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var failWhen = FailWhen;
        if (failWhen is null && !Watch) return await inner.WriteAsync(work, cancellationToken);
        List<(string Source, string Key)> forgotten = [];
        var result = await inner.WriteAsync(
            async transaction =>
            {
                forgotten.Clear();
                var before = await StoreSnapshot.TakeAsync(transaction, _incidents, _outbox, _inboundKeys);
                var result = await work(transaction);
                var change = new StoreChange(before, await StoreSnapshot.TakeAsync(transaction, _incidents, _outbox, _inboundKeys));
                if (failWhen is not null && failWhen(change)) throw new InvalidOperationException(Failure);
                forgotten.AddRange(change.ForgottenKeys);
                return result;
            },
            cancellationToken);
        lock (_forgotten) _forgotten.AddRange(forgotten);
        return result;
    }

    public Task WriteAsync(Func<StoreTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync(
            async transaction =>
            {
                await work(transaction);
                return true;
            },
            cancellationToken);

    public Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) => inner.ReadAsync(read, cancellationToken);
}
