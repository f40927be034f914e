using System.Collections.Concurrent;

namespace SecBot.Host.Tests.Replicas;

/// <summary>
/// Sends numbered declares spread over the live replicas, several at once, as Slack sends people's slash commands. A
/// declare whose replica dies under it gets no answer; <see cref="DeclareUnansweredAgainAsync"/> then does what the person
/// would: types it again (a new command) if it was not declared.
/// </summary>
internal sealed class ReplicaRun(ReplicaCluster cluster, int inFlight)
{
    private readonly ConcurrentDictionary<string, long> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _unanswered = [];
    private readonly ConcurrentDictionary<int, byte> _down = new();
    private int _next;

    public static string TitleOf(int sequence) => $"replica load {sequence}";

    /// <summary>Titles answered with an incident number, and that number.</summary>
    public IReadOnlyDictionary<string, long> Answered => _answered;

    public IReadOnlyCollection<string> Unanswered => _unanswered;

    public int AnsweredCount => _answered.Count;

    /// <summary>From now on no declare is sent to replica <paramref name="index"/> (it is about to be killed).</summary>
    public void TakeDown(int index) => _down[index] = 0;

    /// <param name="every">When set, declare n is sent no earlier than n times this after the start (an even arrival rate).</param>
    public async Task DeclareAsync(IReadOnlyList<int> sequences, CancellationToken cancellationToken, TimeSpan? every = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        await Parallel.ForEachAsync(
            sequences.Select((sequence, index) => (Sequence: sequence, Index: index)),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (declare, token) =>
            {
                if (every is { } pace && pace * declare.Index - TimeProvider.System.GetElapsedTime(start) is { Ticks: > 0 } early)
                    await Task.Delay(early, TimeProvider.System, token);
                var sequence = declare.Sequence;
                var replica = NextLiveReplica();
                var title = TitleOf(sequence);
                try
                {
                    if (await cluster.DeclareAsync(replica, title, token) is { } number) _answered[title] = number;
                    else _unanswered.Add(title);
                }
                catch (HttpRequestException)
                {
                    // The replica died under this request: whether the declare committed is for the database to say.
                    _unanswered.Add(title);
                }
            });
    }

    /// <summary>Declares again, on a live replica, each unanswered title that is not an incident; returns how many.</summary>
    public async Task<int> DeclareUnansweredAgainAsync(CancellationToken cancellationToken)
    {
        var declared = (await cluster.IncidentsAsync()).Select(incident => incident.Title).ToHashSet(StringComparer.Ordinal);
        var again = 0;
        foreach (var title in _unanswered.Where(title => !declared.Contains(title)))
        {
            if (await cluster.DeclareAsync(NextLiveReplica(), title, cancellationToken) is not { } number)
                throw new InvalidOperationException($"'{title}' declared again was not answered with an incident");
            _answered[title] = number;
            again++;
        }
        return again;
    }

    private ReplicaProcess NextLiveReplica()
    {
        var replicas = cluster.Replicas;
        for (var tried = 0; tried < replicas.Count; tried++)
        {
            var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)replicas.Count);
            if (!_down.ContainsKey(index)) return replicas[index];
        }
        throw new InvalidOperationException("no replica is up");
    }
}
