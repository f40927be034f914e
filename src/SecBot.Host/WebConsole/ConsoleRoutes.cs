namespace SecBot.Host.WebConsole;

public static class ConsoleRoutes
{
    /// <summary>The web console's pages and streams, all behind <see cref="ConsoleAccess"/>.</summary>
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("").AddEndpointFilter<ConsoleAccess>().ExcludeFromDescription();
        console.MapConsoleLogin().MapChat();
        console.MapBoard();
        console.MapNumbers();
        return app;
    }
}
