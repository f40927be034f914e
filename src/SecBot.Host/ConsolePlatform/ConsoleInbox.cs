using SecBot.Chat.Delivery;

namespace SecBot.Host.ConsolePlatform;

/// <summary>
/// What the console platform delivered, for the web console and the terminal to show: every message in delivery order,
/// and card refreshes applied in place, as Slack and Teams update a card they showed. Held in memory and bounded
/// (<see cref="Capacity"/> newest messages): the timeline and the ledger are the record, the inbox is only a view of them.
/// Watchers wait on <see cref="WaitForChangeAsync"/> for anything past the version they last saw.
/// </summary>
public sealed class ConsoleInbox(TimeProvider time)
{
    public const int Capacity = 5000;

    private readonly Lock _gate = new();
    private readonly LinkedList<ConsoleMessage> _messages = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _nextId;
    private long _version;

    /// <summary>The newest version; a watcher that has seen it is up to date.</summary>
    public long Version
    {
        get
        {
            lock (_gate) return _version;
        }
    }

    /// <param name="outboxId">The outbox row it came from; 0 when it came from none.</param>
    public ConsoleMessage Add(OutboundMessage message, long outboxId = 0)
    {
        ArgumentNullException.ThrowIfNull(message);
        ConsoleMessage added;
        lock (_gate)
        {
            added = new ConsoleMessage(++_nextId, ++_version, message.To.ChannelKey, message.Subject, message.Card, time.GetUtcNow()) { OutboxId = outboxId };
            _messages.AddLast(added);
            if (_messages.Count > Capacity) _messages.RemoveFirst();
        }

        Signal();
        return added;
    }

    /// <summary>
    /// Replaces the card of every message <paramref name="refresh"/> names, by the rule every platform follows
    /// (<see cref="CardRefresh.Updates"/>); the number replaced.
    /// </summary>
    public int Apply(CardRefresh refresh)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        var replaced = 0;
        lock (_gate)
        {
            for (var node = _messages.First; node is not null; node = node.Next)
            {
                var message = node.Value;
                if (!refresh.Updates(ConsoleRef.Copy(message))) continue;
                node.Value = message with { Card = refresh.Card, Version = ++_version };
                replaced++;
            }
        }

        if (replaced > 0) Signal();
        return replaced;
    }

    /// <summary>Replaces one message's card (the answer to a button pressed on it); false when it is no longer held.</summary>
    public bool Replace(long id, SecBot.Chat.Cards.Card card)
    {
        lock (_gate)
        {
            var node = Find(id);
            if (node is null) return false;
            node.Value = node.Value with { Card = card, Version = ++_version };
        }

        Signal();
        return true;
    }

    public ConsoleMessage? Get(long id)
    {
        lock (_gate) return Find(id)?.Value;
    }

    /// <summary>Messages changed after <paramref name="afterVersion"/>, oldest change first; <paramref name="recipients"/> null: to anyone.</summary>
    public IReadOnlyList<ConsoleMessage> ChangedSince(long afterVersion, IReadOnlySet<string>? recipients = null)
    {
        lock (_gate)
        {
            return _messages.Where(m => m.Version > afterVersion && (recipients is null || recipients.Contains(m.Recipient)))
                .OrderBy(m => m.Version).ToList();
        }
    }

    /// <summary>Completes once the inbox holds a version past <paramref name="afterVersion"/>.</summary>
    public Task WaitForChangeAsync(long afterVersion, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            if (_version > afterVersion) return Task.CompletedTask;
            changed = _changed.Task;
        }

        return changed.WaitAsync(cancellationToken);
    }

    private LinkedListNode<ConsoleMessage>? Find(long id)
    {
        for (var node = _messages.Last; node is not null; node = node.Previous)
        {
            if (node.Value.Id == id) return node;
        }

        return null;
    }

    private void Signal()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _changed;
            _changed = NewSignal();
        }

        fired.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
