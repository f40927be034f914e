using System.Text;
using SecBot.Chat.Inbound;
using SecBot.Slack.Payloads;
using SecBot.Slack.Responses;
using SecBot.Slack.Verification;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// The first step of every Slack request (slack-protocol.md §1): read the raw body within the size limit (413),
/// then verify its signature over those exact bytes (401). Nothing is parsed or recorded before both pass. Once parsed,
/// a request from another workspace, organisation or app than the configured one is refused (403) before anything is
/// recorded (<see cref="FromElsewhere"/>).
/// In Socket Mode alone there is no signing secret and no verifier; the endpoints are then not mapped, and a request that
/// reached this anyway is refused as unverifiable.
/// </summary>
internal sealed class SlackInbound(SlackInstallationCheck installation, ILogger<SlackInbound> logger, SlackRequestVerifier? verifier = null)
{
    /// <summary>contract.md "Guarantees": bodies over 1 MiB are refused.</summary>
    public const int MaxBodyBytes = BoundedBody.MaxBytes;

    public async Task<(byte[]? Body, IResult? Refusal)> ReadVerifiedAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (await BoundedBody.ReadAsync(request.Body, request.ContentLength, context.RequestAborted) is not { } body)
        {
            return (null, Refuse(context, StatusCodes.Status413PayloadTooLarge, "body is over 1 MiB"));
        }

        if (verifier is null) return (null, Refuse(context, StatusCodes.Status401Unauthorized, "no signing secret is configured"));
        var verdict = verifier.Verify(request.Headers[SlackHeaders.RequestTimestamp], request.Headers[SlackHeaders.Signature], body);
        if (!verdict.IsValid)
        {
            SlackLog.Refused(logger, request.Path, verdict.Reason);
            return (null, Results.Json(new ErrorResponse("invalid request"), SlackWebJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status401Unauthorized));
        }

        return (body, null);
    }

    /// <summary>A 403 with a JSON error when <paramref name="origin"/> is not the configured installation; otherwise null.</summary>
    /// <param name="path">Where the request came in (<c>/slack/command</c>, or a Socket Mode envelope type), for the log.</param>
    public SlackAnswer? FromElsewhere(string path, SlackOrigin origin)
    {
        if (installation.Refusal(origin) is not { } reason) return null;
        SlackLog.Refused(logger, path, reason);
        return SlackAnswer.Error(StatusCodes.Status403Forbidden, reason);
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    public static SlackAnswer BadRequest(string error) => SlackAnswer.Error(StatusCodes.Status400BadRequest, error);

    /// <summary>A failure that is SecBot's, not the request's; Slack retries an event answered with it (slack-protocol.md §4).</summary>
    public static SlackAnswer Failure(int status, string error) => SlackAnswer.Error(status, error);

    private IResult Refuse(HttpContext context, int status, string reason)
    {
        SlackLog.Refused(logger, context.Request.Path, reason);
        return Results.Json(new ErrorResponse(reason), SlackWebJsonContext.Default.ErrorResponse, statusCode: status);
    }
}
