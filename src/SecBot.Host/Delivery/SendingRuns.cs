namespace SecBot.Host.Delivery;

/// <summary>
/// The runs the dispatcher is sending right now, at most <c>slots</c> at once, each finishing on its own time: new runs
/// start in the free slots without waiting for the slowest of the others (a platform that hangs).
/// </summary>
internal sealed class SendingRuns(int slots)
{
    private readonly List<Task<int>> _running = [];
    private int _active;

    /// <summary>How many messages the runs that finished attempted.</summary>
    public int Attempted { get; private set; }

    public int FreeSlots => slots - Volatile.Read(ref _active);

    public bool IsFull => FreeSlots <= 0;

    public bool IsEmpty => _running.Count == 0;

    /// <summary>
    /// Starts <paramref name="send"/> in a slot. <paramref name="wake"/> is called when the last run finishes, or when half
    /// the slots come free: then it is worth claiming again, rather than once per finished run (each claim reads every
    /// channel's head, and replicas take turns at it).
    /// </summary>
    public void Start(Func<Task<int>> send, Action wake)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(wake);
        Interlocked.Increment(ref _active);
        _running.Add(SendAsync());

        async Task<int> SendAsync()
        {
            try
            {
                return await send();
            }
            finally
            {
                var left = Interlocked.Decrement(ref _active);
                if (left == 0 || left == slots / 2) wake();
            }
        }
    }

    /// <summary>Waits for the next run to finish and counts it; a run's failure (or cancellation) is thrown here.</summary>
    public async Task NextFinishedAsync()
    {
        var finished = await Task.WhenAny(_running);
        _running.Remove(finished);
        Attempted += await finished;
    }

    /// <summary>Forgets the runs that finished, counting them; returns the failures of those that threw, to be logged.</summary>
    public IReadOnlyList<Exception> ReapFinished()
    {
        var failures = new List<Exception>();
        foreach (var finished in _running.Where(run => run.IsCompleted).ToList())
        {
            _running.Remove(finished);
            if (finished.IsCompletedSuccessfully) Attempted += finished.Result;
            else if (finished.Exception is { } failure && failure.InnerException is not OperationCanceledException) failures.Add(failure.GetBaseException());
        }

        return failures;
    }

    /// <summary>Waits for every run to end, however it ends (when stopping: each hands back what it did not send).</summary>
    public async Task AllFinishedAsync()
    {
        // Their failures were the dispatcher's to log while it ran, or are thrown by the caller; here only their ending matters.
        await ((Task)Task.WhenAll(_running)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _running.Clear();
    }
}
