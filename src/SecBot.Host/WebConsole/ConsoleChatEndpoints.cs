using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using SecBot.Chat.Conversation;
using SecBot.Host.ConsolePlatform;

namespace SecBot.Host.WebConsole;

/// <summary>
/// Chat as anyone (<c>GET /</c>) and what its page calls: <c>POST /console/say</c> (a command typed), <c>/console/press</c>
/// (a button, with the inputs its form asked for), <c>/console/check</c> (whether a button's form should open at all),
/// <c>/console/form</c> (a form a command opened), and <c>GET /console/stream?as=…</c>, the person's direct messages and
/// the incidents channel as server-sent events: everything held at first, then each message as it arrives or changes.
/// Each POST names the person acted as in its JSON field <c>as</c>; a request SecBot cannot read is answered 400 naming the problem.
/// </summary>
public static class ConsoleChatEndpoints
{
    public const string ReadyEvent = "ready";
    public const string MessageEvent = "message";

    public static RouteGroupBuilder MapChat(this RouteGroupBuilder console)
    {
        console.MapGet("/", (ConsoleChat chat, TimeProvider time, ConsoleAccess access) => ConsoleChatPage.Result(chat.Roster, time.GetUtcNow(), access.LoginRequired));
        console.MapPost("/console/say", SayAsync);
        console.MapPost("/console/press", PressAsync);
        console.MapPost("/console/check", CheckAsync);
        console.MapPost("/console/form", FormAsync);
        console.MapGet("/console/stream", Stream);
        return console;
    }

    private static async Task<IResult> SayAsync(HttpContext http, ConsoleChat chat, ILogger<ConsoleChat> logger)
    {
        var (body, problem) = await ConsoleJson.ReadAsync<SayBody>(http);
        if (problem is not null) return problem;
        var (person, unknown) = chat.Identify(body!.As);
        if (person is null) return BadRequest(unknown!);
        if (body.Text is null) return BadRequest("Say what: 'text' is the command to run, e.g. \"help\".");
        ConsoleLog.Acted(logger, "say", person.Id, Operator(http));
        return Results.Json(await chat.SayAsync(person, body.Text, http.RequestAborted));
    }

    private static async Task<IResult> PressAsync(HttpContext http, ConsoleChat chat, ILogger<ConsoleChat> logger)
    {
        var (body, problem) = await ConsoleJson.ReadAsync<PressBody>(http);
        if (problem is not null) return problem;
        if (Invalid(chat, body!) is { } bad) return bad;
        var (person, _) = chat.Identify(body!.As);
        ConsoleMessage? message = null;
        if (body.Message is { } id)
        {
            (message, var notThere) = chat.MessageFor(person!, id);
            if (message is null) return BadRequest(notThere!);
            if (ConsoleChat.ButtonOn(message, new ButtonInput(body.Action!, body.Value!, new Dictionary<string, string>())) is null)
                return BadRequest($"Message {id} has no button '{ConsoleChat.Cut(body.Action!)}' on '{ConsoleChat.Cut(body.Value!)}': press a button its card shows, or leave 'message' out to press one shown under the text box.");
        }

        ConsoleLog.Acted(logger, $"press {ConsoleChat.Cut(body.Action!)}", person!.Id, Operator(http));
        var button = new ButtonInput(body.Action!, body.Value!, body.Inputs ?? new Dictionary<string, string>());
        return Results.Json(await chat.PressAsync(person, message, button, http.RequestAborted));
    }

    private static async Task<IResult> CheckAsync(HttpContext http, ConsoleChat chat)
    {
        var (body, problem) = await ConsoleJson.ReadAsync<PressBody>(http);
        if (problem is not null) return problem;
        if (Invalid(chat, body!) is { } bad) return bad;
        var (person, _) = chat.Identify(body!.As);
        var refusal = await chat.CheckAsync(person!, new ButtonInput(body.Action!, body.Value!, new Dictionary<string, string>()), http.RequestAborted);
        return Results.Json(refusal ?? new ConsoleAnswer(false, "", ""));
    }

    private static async Task<IResult> FormAsync(HttpContext http, ConsoleChat chat, ILogger<ConsoleChat> logger)
    {
        var (body, problem) = await ConsoleJson.ReadAsync<FormBody>(http);
        if (problem is not null) return problem;
        var (person, unknown) = chat.Identify(body!.As);
        if (person is null) return BadRequest(unknown!);
        if (string.IsNullOrWhiteSpace(body.Kind)) return BadRequest($"Which form: 'kind' names the form submitted, e.g. \"{DeclareForm.Kind}\".");
        ConsoleLog.Acted(logger, $"form {ConsoleChat.Cut(body.Kind)}", person.Id, Operator(http));
        var answer = await chat.SubmitFormAsync(person, body.Kind, body.Values ?? new Dictionary<string, string>(), http.RequestAborted);
        return answer is null ? BadRequest($"'{ConsoleChat.Cut(body.Kind)}' is not a form SecBot knows; the forms are: {DeclareForm.Kind}.") : Results.Json(answer);
    }

    private static IResult Stream(string? @as, ConsoleChat chat, ConsoleInbox inbox, IHostApplicationLifetime lifetime, HttpContext http)
    {
        var (person, unknown) = chat.Identify(@as);
        if (person is null) return BadRequest(unknown!);
        return TypedResults.ServerSentEvents(Watch(inbox, ConsoleChat.ConversationsOf(person.Id), lifetime.ApplicationStopping, http.RequestAborted));
    }

    /// <summary>
    /// A <c>ready</c> event first (so the response starts at once, and the page knows it is live), then every message to
    /// <paramref name="conversations"/> the inbox holds, then each one as it arrives or its card changes, until the client or the host goes.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<ConsoleMessageView?>> Watch(
        ConsoleInbox inbox, IReadOnlySet<string> conversations, CancellationToken stopping, [EnumeratorCancellation] CancellationToken aborted)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping, aborted);
        yield return new SseItem<ConsoleMessageView?>(null, ReadyEvent);
        long seen = 0;
        while (!done.IsCancellationRequested)
        {
            var version = inbox.Version;
            foreach (var message in inbox.ChangedSince(seen, conversations))
            {
                yield return new SseItem<ConsoleMessageView?>(ConsoleMessageView.Of(message), MessageEvent) { EventId = message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                version = Math.Max(version, message.Version);
            }

            seen = version;
            try
            {
                await inbox.WaitForChangeAsync(seen, done.Token);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static IResult? Invalid(ConsoleChat chat, PressBody body)
    {
        var (person, unknown) = chat.Identify(body.As);
        if (person is null) return BadRequest(unknown!);
        return string.IsNullOrWhiteSpace(body.Action) || body.Value is null
            ? BadRequest("Which button: 'action' is its action id and 'value' what it acts on, as the card's button carries them (data-action, data-value).")
            : null;
    }

    private static string Operator(HttpContext http) => http.User.Identity?.Name ?? "this machine";

    private static IResult BadRequest(string problem) => ConsoleAccess.Refuse(StatusCodes.Status400BadRequest, problem);

    private sealed record SayBody(string? As, string? Text);

    private sealed record PressBody(string? As, long? Message, string? Action, string? Value, Dictionary<string, string>? Inputs);

    private sealed record FormBody(string? As, string? Kind, Dictionary<string, string>? Values);
}

/// <summary>One message as the page shows it: where it goes, its card as HTML, and when it was delivered.</summary>
public sealed record ConsoleMessageView(long Id, long Version, string Recipient, string Html, DateTimeOffset DeliveredAt)
{
    public static ConsoleMessageView Of(ConsoleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ConsoleMessageView(message.Id, message.Version, message.Recipient, ConsoleCardHtml.Card(message.Card, message.Id), message.DeliveredAt);
    }
}
