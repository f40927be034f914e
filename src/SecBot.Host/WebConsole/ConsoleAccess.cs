using SecBot.Chat.Inbound;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Delivery;

namespace SecBot.Host.WebConsole;

/// <summary>
/// Who may reach the web console, checked on every console endpoint in this order: nobody when it is off (404, as if it
/// were not there; <see cref="ConfiguredPlatforms.WebConsoleOn"/>); unless <c>SecBot:Console:AllowRemote</c> says otherwise,
/// only callers on this machine (<see cref="LocalCaller"/>: loopback, not forwarded), whatever address Kestrel listens on,
/// asking for it by a local name, and for an unsafe method from its own origin; an unsafe method only with the header
/// <see cref="CsrfHeader"/> (which a form on another site cannot send, and a cross-site <c>fetch</c> cannot without a CORS
/// preflight SecBot never answers); and, with Slack or Teams configured or <c>AllowRemote</c>, only someone logged in with
/// an admin key (<see cref="ConsoleLogin"/>), since the console acts as anyone on the roster. The login endpoints
/// themselves are open (<see cref="IAllowAnonymous"/>).
/// </summary>
public sealed class ConsoleAccess(ConfiguredPlatforms platforms, IOptions<ConsoleOptions> options) : IEndpointFilter
{
    public const string CsrfHeader = "X-SecBot-Console";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!platforms.WebConsoleOn) return Results.NotFound();
        if (!options.Value.AllowRemote && LocalRefusal(http) is { } refused) return refused;
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

    /// <summary>
    /// Whether the console asks for a login: when Slack or Teams is configured, or when it is served beyond this machine
    /// (<c>AllowRemote</c>): either way someone other than this machine's user could act as anyone on the roster.
    /// </summary>
    public bool LoginRequired => platforms.ChatConfigured || options.Value.AllowRemote;

    // Loopback only: the peer is on this machine and not a proxy's forward, and the page was asked for by a local name.
    // Without a login a page on evil.example whose name is re-resolved to 127.0.0.1 (DNS rebinding) is same-origin with the
    // console; its Host header still says evil.example, so only a local Host is served, and an unsafe method only from the
    // console's own origin.
    private static IResult? LocalRefusal(HttpContext http)
    {
        if (!LocalCaller.IsLocal(http.Connection.RemoteIpAddress, http.Request.Headers.ContainsKey))
            return Refuse(StatusCodes.Status403Forbidden, "The web console answers only on this machine (loopback, not forwarded by a proxy); set SecBot:Console:AllowRemote to serve it further.");
        if (!LocalHost.Is(http.Request.Host))
            return Refuse(StatusCodes.Status421MisdirectedRequest, $"The web console answers only to a local name (localhost, 127.0.0.1 or [::1]), not to '{ConsoleChat.Cut(http.Request.Host.Value ?? "")}'; set SecBot:Console:AllowRemote to serve it further.");
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && ForeignOrigin(http.Request) is { } foreign)
            return Refuse(StatusCodes.Status403Forbidden, $"The web console takes a {http.Request.Method} only from its own page, not from {foreign}.");
        return null;
    }

    private static string? ForeignOrigin(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase)) return "another site (Sec-Fetch-Site: cross-site)";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : $"the origin '{ConsoleChat.Cut(origin)}'";
    }

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
