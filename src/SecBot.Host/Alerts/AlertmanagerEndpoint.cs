using Microsoft.Extensions.Primitives;
using SecBot.Chat.Alerts;
using SecBot.Chat.Inbound;

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
        if (RoutingKey(context.Request) is not { } key || routes.Find(key, SourceName) is not { } route)
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

        await intake.SubmitAsync(route, parsed.Alerts, context.RequestAborted);
        return Results.Json(new AlertmanagerAccepted("success", parsed.Alerts.Count), AlertJsonContext.Default.AlertmanagerAccepted);
    }

    private static string? RoutingKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return value["Bearer ".Length..].Trim();
        return request.Query.TryGetValue("routing_key", out StringValues query) && query.Count == 1 ? query[0] : null;
    }

    private static IResult Error(int status, string error) =>
        Results.Json(new AlertError(error), AlertJsonContext.Default.AlertError, statusCode: status);
}
