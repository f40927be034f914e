using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.WebConsole;

public static class BoardRoutes
{
    /// <summary><c>GET /board</c>, <c>GET /board/stream</c> and <c>POST /board/retry</c>, inside the console's route group.</summary>
    public static IEndpointRouteBuilder MapBoard(this IEndpointRouteBuilder console)
    {
        ArgumentNullException.ThrowIfNull(console);
        // Built once from the host's singletons, so the console needs no registrations of its own.
        var services = console.ServiceProvider;
        var reader = ActivatorUtilities.CreateInstance<BoardReader>(services);
        var stream = ActivatorUtilities.CreateInstance<BoardStream>(services, reader);
        var retry = ActivatorUtilities.CreateInstance<BoardRetry>(services);
        var roster = services.GetRequiredService<RosterModel>();

        console.MapGet("/board", async (CancellationToken cancellationToken) =>
            ConsolePage.Result("Board", "Board", BoardPage.Body(await reader.ReadAsync(cancellationToken), roster), BoardPage.Script));
        console.MapGet("/board/stream", (CancellationToken cancellationToken) => TypedResults.ServerSentEvents(stream.EventsAsync(cancellationToken)));
        console.MapPost("/board/retry", (HttpRequest request, CancellationToken cancellationToken) => retry.HandleAsync(request, cancellationToken));
        return console;
    }
}
