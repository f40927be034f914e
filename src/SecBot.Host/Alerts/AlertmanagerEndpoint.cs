using SecBot.Chat.Alerts;
using SecBot.Chat.Inbound;
using SecBot.Host.GateApi;

namespace SecBot.Host.Alerts;

/// <summary>
/// <c>POST /alerts/alertmanager</c>: an Alertmanager notification (webhook version 4). The routing key is checked from the
/// headers or the query before a byte of the body is read; the notification's alerts commit in one transaction.
/// </summary>
internal sealed class AlertmanagerEndpoint(AlertRoutes routes, AlertIntake intake, RefusedRequests refused)
{
    public const string SourceName = "Alertmanager";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (RoutingKeyOf(context.Request) is not { } key || routes.Find(key, SourceName) is not { } route)
        {
            refused.Report("alertmanager-key", "no known routing key in Authorization: Bearer or ?routing_key=");
            return Error(StatusCodes.Status401Unauthorized, "A known routing key is required: Authorization: Bearer <key> (http_config.authorization in Alertmanager) or ?routing_key=<key>.");
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var parsed = AlertmanagerParser.Parse(body);
        if (!parsed.IsValid)
        {
            var problem = string.Join("; ", parsed.Errors.Take(5)) + (parsed.Errors.Count > 5 ? $"; and {parsed.Errors.Count - 5} more" : "");
            refused.Report("alertmanager-invalid", problem);
            return Error(StatusCodes.Status400BadRequest, $"Not an Alertmanager webhook notification: {problem}.");
        }

        try
        {
            await intake.SubmitAsync(route, parsed.Alerts, context.RequestAborted);
        }
        catch (AlertRateLimitedException e)
        {
            // Alertmanager retries a 429 with backoff; Retry-After says when the key has room again.
            context.Response.Headers.RetryAfter = ((long)e.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, e.Message);
        }
        catch (AlertRefusedException e)
        {
            refused.Report("alertmanager-refused", e.Message);
            return Error(StatusCodes.Status400BadRequest, $"Not recorded, none of this notification's alerts: {e.Message}.");
        }

        return Results.Json(new AlertmanagerAccepted("success", parsed.Alerts.Count), AlertJsonContext.Default.AlertmanagerAccepted);
    }

    private static IResult Error(int status, string error) =>
        Results.Json(new ErrorBody(error), ErrorBody.JsonInfo, statusCode: status);

    /// <summary>Alertmanager's <c>http_config.authorization</c> (a Bearer header), else <c>?routing_key=</c>.</summary>
    private static string? RoutingKeyOf(HttpRequest request) =>
        BearerCredential.Of(request) ?? (request.Query["routing_key"].ToString() is { Length: > 0 } key ? key : null);
}
