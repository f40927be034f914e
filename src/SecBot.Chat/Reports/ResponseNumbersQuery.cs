using SecBot.Domain.Incidents;
using SecBot.Storage;
using SecBot.Storage.Reports;

namespace SecBot.Chat.Reports;

/// <summary>The response numbers as of <c>now</c>: the history of the longest window read once, then computed.</summary>
public static class ResponseNumbersQuery
{
    public static async Task<ResponseNumbers> ReadAsync(IStore store, EscalationPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        var history = new ResponseHistory();
        var rows = await store.ReadAsync(connection => history.ReadAsync(connection, ResponseNumbersCalculator.ReadSince(now), cancellationToken), cancellationToken);
        return ResponseNumbersCalculator.Compute(rows, now, [.. policy.Levels.Select(l => l.Name)], [.. policy.Types.Select(t => t.Id)]);
    }
}
