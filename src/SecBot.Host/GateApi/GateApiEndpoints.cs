using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SecBot.Chat.Ids;
using SecBot.Chat.Inbound;
using SecBot.Chat.Parsing;
using SecBot.Chat.Reviews;
using SecBot.Storage.Reviews;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.GateApi;

/// <summary>
/// <c>POST /api/gates</c> and <c>GET /api/gates/REV-n[?wait=N]</c> (contract.md "Gate API"). The key is checked before
/// the body is read; a gate is opened by <see cref="ReviewCommands"/> exactly as <c>review &lt;type&gt; &lt;title&gt;</c> typed
/// by its requester; every refusal is <c>{"error":…}</c> and changes nothing.
/// </summary>
public static class GateApiEndpoints
{
    public const string Path = "/api/gates";

    /// <summary>The longest <c>?wait=</c>, in seconds.</summary>
    public const int LongestWait = 120;

    public static IEndpointRouteBuilder MapGateApi(this IEndpointRouteBuilder endpoints)
    {
        var gates = endpoints.MapGroup(Path).RequireRateLimiting(ApiRateLimiting.PolicyName).WithTags("Gates");
        gates.MapPost("", OpenAsync)
            .WithName("OpenGate")
            .WithSummary("Open a review gate for a roster person, as `review <type> <title>` typed by them would")
            .Accepts<OpenGateBody>("application/json")
            .Produces<GateResource>(StatusCodes.Status201Created)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ErrorBody>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorBody>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorBody>(StatusCodes.Status429TooManyRequests);
        gates.MapGet("/{id}", GetAsync)
            .WithName("GetGate")
            .WithSummary($"A gate's state, stage and seats; with ?wait=N (N ≤ {LongestWait}) answered once anything in it changes, or after N seconds")
            .Produces<GateResource>()
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces<ErrorBody>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<IResult> OpenAsync(
        HttpContext context,
        ApiKeys keys,
        RefusedRequests refused,
        ReviewCommands reviews,
        CommandParser parser,
        RosterModel roster,
        GateResources resources,
        IOptions<ApiOptions> options)
    {
        if (Authenticate(context, keys, refused) is not { } caller) return Unauthorized();

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        if (body is null) return Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {BoundedBody.MaxBytes} bytes.");
        OpenGateBody? request;
        try
        {
            request = JsonSerializer.Deserialize(body, GateApiJsonContext.Default.OpenGateBody);
        }
        catch (JsonException e)
        {
            return BadRequest($"The body is not the JSON of a gate ({e.Message}). {OpenUsage}");
        }

        if (request is null) return BadRequest($"The body is empty. {OpenUsage}");
        if (OpenRequestProblem(request, parser, roster, options.Value) is { } problem) return BadRequest($"{problem} {OpenUsage}");

        parser.Vocabulary.GateTypes.TryResolve(request.Type!.Trim(), out var gateType);
        var requester = roster.PersonById(request.RequestedBy!.Trim())!;
        var detailsUrl = Blank(request.DetailsUrl);
        var callbackUrl = Blank(request.CallbackUrl);
        var outcome = await reviews.OpenForServiceAsync(
            requester,
            gateType!,
            request.Title!.Trim(),
            caller.Service,
            detailsUrl,
            (transaction, gate) => ApiGateRepository.RecordAsync(
                transaction, new ApiGateOrigin(gate.Number, caller.Service, caller.KeySha256, detailsUrl, callbackUrl, SelfUrl(context.Request, gate.Key))),
            context.RequestAborted);
        if (outcome.Value is not { } opened) return BadRequest(outcome.Refusal!);

        var url = SelfUrl(context.Request, opened.Key);
        return Results.Created(url, resources.Of(opened, url));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, ApiKeys keys, RefusedRequests refused, GateWatch watch)
    {
        if (Authenticate(context, keys, refused) is null) return Unauthorized();
        if (!GateId.TryParse(id, out var gateId)) return NotFound(id);

        var waitText = context.Request.Query["wait"].ToString();
        var wait = 0;
        if (waitText.Length > 0 && (!int.TryParse(waitText, NumberStyles.None, CultureInfo.InvariantCulture, out wait) || wait > LongestWait))
        {
            return BadRequest($"wait must be a whole number of seconds from 0 to {LongestWait}, not '{Shorten(waitText)}': GET {Path}/REV-n?wait=60");
        }

        var url = SelfUrl(context.Request, gateId.ToString());
        byte[]? json;
        try
        {
            json = wait > 0
                ? await watch.WaitForChangeAsync(gateId.Number, url, TimeSpan.FromSeconds(wait), context.RequestAborted)
                : await watch.ReadAsync(gateId.Number, url, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody to answer.
            return Results.Empty;
        }

        return json is null ? NotFound(id) : Results.Bytes(json, "application/json");
    }

    private const string OpenUsage =
        """Send {"type":"<gate type>","title":"<title>","requested_by":"<roster person id>","details_url":"<optional link>","callback_url":"<optional https URL>"}.""";

    /// <summary>The first thing wrong with an open request, in words; null when it can be put to <see cref="ReviewCommands"/>.</summary>
    private static string? OpenRequestProblem(OpenGateBody request, CommandParser parser, RosterModel roster, ApiOptions options)
    {
        if (string.IsNullOrWhiteSpace(request.Type)) return "type is missing.";
        if (!parser.Vocabulary.GateTypes.TryResolve(request.Type.Trim(), out _))
        {
            return $"Unknown gate type '{Shorten(request.Type)}'; valid gate types: {parser.Vocabulary.GateTypes.Describe()}.";
        }

        if (string.IsNullOrWhiteSpace(request.Title)) return "title is missing.";
        if (request.Title.Trim().Length > CommandLimits.TitleMaxLength) return $"title is longer than {CommandLimits.TitleMaxLength} characters.";
        if (request.Title.Any(char.IsControl)) return "title must be one line of text, without control characters.";
        if (string.IsNullOrWhiteSpace(request.RequestedBy)) return "requested_by is missing: the id of the roster person the gate is for.";
        if (roster.PersonById(request.RequestedBy.Trim()) is null) return $"requested_by '{Shorten(request.RequestedBy)}' is not a person on the roster.";
        return UrlProblem("details_url", request.DetailsUrl) ?? UrlProblem("callback_url", request.CallbackUrl) ?? CallbackHostProblem(request.CallbackUrl, options);
    }

    private static string? CallbackHostProblem(string? value, ApiOptions options) =>
        options.AllowPrivateCallbacks || Blank(value) is not { } text || CallbackAddresses.HostProblem(new Uri(text)) is not { } problem
            ? null
            : $"{problem}: callbacks go to public addresses only (unless {ApiOptions.SectionName}:AllowPrivateCallbacks is true).";

    private static string? UrlProblem(string field, string? value)
    {
        if (Blank(value) is not { } text) return null;
        if (text.Length > LongestUrl) return $"{field} is longer than {LongestUrl} characters.";
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"{field} '{Shorten(text)}' is not an absolute http or https URL.";
    }

    private const int LongestUrl = 2048;

    /// <summary>The caller the request's bearer key belongs to; null (reported as refused) when it presents none or an unknown one.</summary>
    private static ApiCaller? Authenticate(HttpContext context, ApiKeys keys, RefusedRequests refused)
    {
        var presented = BearerCredential.Of(context.Request);
        if (keys.Find(presented) is { } caller) return caller;
        refused.Report("api-key", presented is null ? $"{context.Request.Path}: no bearer key" : $"{context.Request.Path}: an unknown key");
        return null;
    }

    private static string SelfUrl(HttpRequest request, string key) => $"{request.Scheme}://{request.Host}{request.PathBase}{Path}/{key}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static IResult Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, "A key from SecBot:Api:Keys is required as 'Authorization: Bearer <key>'.");

    private static IResult NotFound(string id) => Error(StatusCodes.Status404NotFound, $"There is no gate '{Shorten(id)}'; ids look like REV-7.");

    private static IResult BadRequest(string problem) => Error(StatusCodes.Status400BadRequest, problem);

    private static IResult Error(int status, string problem) =>
        Results.Json(new ErrorBody(problem), ErrorBody.JsonInfo, statusCode: status);
}
