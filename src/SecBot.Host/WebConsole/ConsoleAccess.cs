using SecBot.Chat.Inbound;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Delivery;

namespace SecBot.Host.WebConsole;

/// <summary>
/// Who may reach the web console, checked on every console endpoint in this order: nobody when it is off (404, as if it
/// were not there); only callers on this machine (loopback) unless <c>SecBot:Console:AllowRemote</c> says otherwise,
/// whatever address Kestrel listens on; an unsafe method only with the header <see cref="CsrfHeader"/> (which a form on
/// another site cannot send, and a cross-site <c>fetch</c> cannot without a CORS preflight SecBot never answers); and,
/// with Slack or Teams configured, only someone logged in with an admin key (<see cref="ConsoleLogin"/>), since the
/// console acts as anyone on the roster. The login endpoints themselves are open (<see cref="IAllowAnonymous"/>).
/// </summary>
public sealed class ConsoleAccess(ConfiguredPlatforms platforms, IOptions<ConsoleOptions> options) : IEndpointFilter
{
    public const string CsrfHeader = "X-SecBot-Console";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!platforms.ConsoleOn) return Results.NotFound();
        var remote = http.Connection.RemoteIpAddress;
        if (!options.Value.AllowRemote && remote is not null && !IPAddress.IsLoopback(remote))
            return Refuse(StatusCodes.Status403Forbidden, "The web console answers only on this machine (loopback); set SecBot:Console:AllowRemote to serve it further.");
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && http.Request.Headers[CsrfHeader] != "1")
            return Refuse(StatusCodes.Status403Forbidden, $"The web console takes a {http.Request.Method} only from its own page: send the header '{CsrfHeader}: 1'.");
        if (LoginRequired && http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var login = await http.AuthenticateAsync(ConsoleLogin.Scheme);
            if (!login.Succeeded) return NotLoggedIn(http);
            http.User = login.Principal;
        }

        return await next(context);
    }

    /// <summary>Whether the console asks for a login: exactly when Slack or Teams is configured.</summary>
    public bool LoginRequired => platforms.ChatConfigured;

    private static IResult NotLoggedIn(HttpContext http)
    {
        var path = http.Request.Path + http.Request.QueryString;
        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            return Results.Redirect(ConsoleLogin.PathTo(path));
        return Refuse(StatusCodes.Status401Unauthorized, $"Log in to the web console first ({ConsoleLogin.Path}) with a key of SecBot:Console:AdminKeys.");
    }

    /// <summary>What a console endpoint answers when it refuses a request: the problem, in words (<see cref="ErrorBody"/>).</summary>
    internal static IResult Refuse(int status, string problem) => Results.Json(new ErrorBody(problem), ErrorBody.JsonInfo, statusCode: status);
}
