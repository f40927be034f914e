using System.Net;
using Microsoft.Extensions.Options;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Delivery;

namespace SecBot.Host.WebConsole;

/// <summary>
/// Who may reach the web console: nobody when it is off (404, as if it were not there), and only callers on this machine
/// (loopback) unless <c>SecBot:Console:AllowRemote</c> says otherwise, whatever address Kestrel listens on.
/// </summary>
public sealed class ConsoleAccess(ConfiguredPlatforms platforms, IOptions<ConsoleOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!platforms.ConsoleOn) return Results.NotFound();
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        if (!options.Value.AllowRemote && remote is not null && !IPAddress.IsLoopback(remote))
            return Results.Json(new { error = "The web console answers only on this machine (loopback); set SecBot:Console:AllowRemote to serve it further." }, statusCode: StatusCodes.Status403Forbidden);
        return await next(context);
    }
}
