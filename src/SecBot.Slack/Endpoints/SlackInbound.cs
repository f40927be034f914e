using System.Text;
using SecBot.Chat.Inbound;
using SecBot.Slack.Payloads;
using SecBot.Slack.Responses;
using SecBot.Slack.Verification;
using SecBot.Slack.WebApi;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// The first step of every Slack request (slack-protocol.md §1): the signing headers are checked before a byte of the
/// body is read (missing, ill-formed or outside the five-minute window: 401), then the raw body is read within the size
/// limit (413) and its signature verified over those exact bytes (401). Nothing is parsed or recorded before all pass.
/// Every refusal is reported to <see cref="RefusedRequests"/> (counted by cause, logged at most once a minute), never
/// logged one by one, so a flood of bad requests cannot flood the log. Once parsed,
/// a request from another workspace, organisation or app than the configured one is refused (403) before anything is
/// recorded (<see cref="FromElsewhere"/>).
/// In Socket Mode alone there is no signing secret and no verifier; the endpoints are then not mapped, and a request that
/// reached this anyway is refused as unverifiable.
/// </summary>
internal sealed class SlackInbound(SlackInstallationCheck installation, RefusedRequests refused, SlackRequestVerifier? verifier = null)
{
    /// <summary>contract.md "Guarantees": bodies over 1 MiB are refused.</summary>
    public const int MaxBodyBytes = BoundedBody.MaxBytes;

    /// <summary>Cause under which <see cref="RefusedRequests"/> counts unsigned, badly signed and stale requests.</summary>
    public const string SignatureCause = "slack-signature";

    /// <summary>Cause under which <see cref="RefusedRequests"/> counts verified requests from another installation.</summary>
    public const string InstallationCause = "slack-installation";

    public async Task<(byte[]? Body, IResult? Refusal)> ReadVerifiedAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (verifier is null) return (null, Refuse(context, StatusCodes.Status401Unauthorized, "no signing secret is configured"));
        string? timestamp = request.Headers[SlackHeaders.RequestTimestamp];
        string? signature = request.Headers[SlackHeaders.Signature];
        if (verifier.CheckHeaders(timestamp, signature) is { IsValid: false } headers) return (null, Unverified(context, headers));

        if (await BoundedBody.ReadAsync(request.Body, request.ContentLength, context.RequestAborted) is not { } body)
        {
            return (null, Refuse(context, StatusCodes.Status413PayloadTooLarge, BoundedBody.TooLarge, BoundedBody.Cause));
        }

        var verdict = verifier.Verify(timestamp, signature, body);
        return verdict.IsValid ? (body, null) : (null, Unverified(context, verdict));
    }

    /// <summary>A 403 with a JSON error when <paramref name="origin"/> is not the configured installation; otherwise null.</summary>
    /// <param name="path">Where the request came in (<c>/slack/command</c>, or a Socket Mode envelope type), for the log.</param>
    public SlackAnswer? FromElsewhere(string path, SlackOrigin origin)
    {
        if (installation.Refusal(origin) is not { } reason) return null;
        refused.Report(InstallationCause, $"{path}: {reason}");
        return SlackAnswer.Error(StatusCodes.Status403Forbidden, reason);
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    public static SlackAnswer BadRequest(string error) => SlackAnswer.Error(StatusCodes.Status400BadRequest, error);

    /// <summary>A failure that is SecBot's, not the request's; Slack retries an event answered with it (slack-protocol.md §4).</summary>
    public static SlackAnswer Failure(int status, string error) => SlackAnswer.Error(status, error);

    private IResult Unverified(HttpContext context, SlackVerificationResult verdict)
    {
        refused.Report(SignatureCause, $"{context.Request.Path}: {verdict.Reason}");
        return Results.Json(new ErrorBody("invalid request"), ErrorBody.JsonInfo, statusCode: StatusCodes.Status401Unauthorized);
    }

    private IResult Refuse(HttpContext context, int status, string reason, string cause = SignatureCause)
    {
        refused.Report(cause, $"{context.Request.Path}: {reason}");
        return Results.Json(new ErrorBody(reason), ErrorBody.JsonInfo, statusCode: status);
    }
}
