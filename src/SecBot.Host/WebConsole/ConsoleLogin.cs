using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SecBot.Host.WebConsole;

/// <summary>
/// The web console's login, asked for when Slack or Teams is configured or the console is served beyond this machine: an admin key posted once becomes an HttpOnly,
/// SameSite=Strict cookie sealed by ASP.NET Core's cookie authentication (Data Protection), never a token of SecBot's own.
/// </summary>
public static class ConsoleLogin
{
    public const string Scheme = "SecBotConsole";
    public const string Path = "/console/login";
    public const string CookieName = "secbot.console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static string PathTo(string then) => $"{Path}?then={Uri.EscapeDataString(then)}";

    public static IServiceCollection AddConsoleLogin(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleAdminKeys>();
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = Lifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = Path;
        });
        return services;
    }

    public static RouteGroupBuilder MapConsoleLogin(this RouteGroupBuilder console)
    {
        console.MapGet(Path, Page).AllowAnonymous();
        console.MapPost(Path, LogInAsync).AllowAnonymous();
        console.MapPost("/console/logout", (Delegate)LogOutAsync).AllowAnonymous();
        return console;
    }

    private static IResult Page(ConsoleAccess access, string? then)
    {
        if (!access.LoginRequired) return Results.Redirect("/");
        var body = $"""
            <h1>Log in to the SecBot console</h1>
            <p class="muted">The console acts as anyone on the roster, so it asks for one of the keys of <code>SecBot:Console:AdminKeys</code>.</p>
            <form id="login"><label>Admin key <input id="key" type="password" autocomplete="current-password" required autofocus></label>
            <button class="primary" type="submit">Log in</button></form><p id="problem" class="refusal" role="alert"></p>
            """;
        var script = $$"""
            const then = {{System.Text.Json.JsonSerializer.Serialize(SafeReturn(then))}};
            document.getElementById('login').addEventListener('submit', async e => {
              e.preventDefault();
              const r = await fetch('{{Path}}', {method: 'POST', headers: {'Content-Type': 'application/json', '{{ConsoleAccess.CsrfHeader}}': '1'}, body: JSON.stringify({key: document.getElementById('key').value})});
              if (r.ok) { location.href = then; return; }
              document.getElementById('problem').textContent = (await r.json().catch(() => ({error: 'Login failed (' + r.status + ').'}))).error;
            });
            """;
        return ConsolePage.Result("Log in", "", body, script);
    }

    private static async Task<IResult> LogInAsync(HttpContext http, ConsoleAccess access, ConsoleAdminKeys keys, ILogger<ConsoleAccess> logger)
    {
        if (!access.LoginRequired) return ConsoleAccess.Refuse(StatusCodes.Status400BadRequest, "The web console needs no login: neither Slack nor Teams is configured, and it answers only on this machine.");
        var body = await ConsoleJson.ReadAsync<LoginBody>(http);
        if (body.Problem is not null) return body.Problem;
        var holder = keys.HolderOf(body.Value!.Key);
        var remote = http.Connection.RemoteIpAddress?.ToString();
        if (holder is null)
        {
            ConsoleLog.LoginRefused(logger, remote);
            return ConsoleAccess.Refuse(StatusCodes.Status401Unauthorized, "That key is not one of SecBot:Console:AdminKeys.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, holder)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        ConsoleLog.LoggedIn(logger, holder, remote);
        return Results.Json(new LoginAnswer(holder));
    }

    private static async Task<IResult> LogOutAsync(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        return Results.NoContent();
    }

    private static readonly Uri DummyBase = new("http://console.invalid/");

    /// <summary>
    /// <paramref name="then"/> when it is a rooted path on this site, else <c>/</c>: a login never sends anyone elsewhere.
    /// Browsers drop tabs and newlines from a URL and read <c>\</c> as <c>/</c>, so <c>/\t/evil.example</c> would be
    /// <c>//evil.example</c>: any whitespace or control character is refused, and what is left must resolve, against a
    /// made-up base, to that same base's authority.
    /// </summary>
    private static string SafeReturn(string? then)
    {
        if (then is not { Length: > 0 } || then[0] != '/' || then.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')) return "/";
        if (then.Length > 1 && then[1] == '/') return "/";
        var decoded = Uri.UnescapeDataString(then);
        if (decoded.StartsWith("//", StringComparison.Ordinal) || decoded.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')) return "/";
        return Uri.TryCreate(DummyBase, then, out var resolved) && resolved.Authority == DummyBase.Authority && resolved.Scheme == DummyBase.Scheme ? then : "/";
    }

    private sealed record LoginBody(string? Key);

    private sealed record LoginAnswer(string LoggedInAs);
}
