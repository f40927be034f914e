using SecBot.Chat.Reports;
using SecBot.Domain.Incidents;
using SecBot.Storage;

namespace SecBot.Host.WebConsole;

/// <summary><c>GET /numbers</c>: the response numbers at the host's now, read once from the store per request.</summary>
public static class NumbersEndpoints
{
    public const string Path = "/numbers";

    public static IEndpointRouteBuilder MapNumbers(this IEndpointRouteBuilder console)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MapGet(Path, async (IStore store, EscalationPolicy policy, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var numbers = await ResponseNumbersQuery.ReadAsync(store, policy, time.GetUtcNow(), cancellationToken);
            return ConsolePage.Result("Numbers", "Numbers", NumbersPage.Body(numbers));
        });
        return console;
    }
}
