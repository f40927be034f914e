using SecBot.Chat.Alerts;
using SecBot.Chat.Inbound;

namespace SecBot.Host.Alerts;

/// <summary><c>POST /alerts/v2/enqueue</c>: a PagerDuty Events v2 event, answered as PagerDuty answers it.</summary>
internal sealed class PagerDutyEndpoint(AlertRoutes routes, AlertIntake intake, RefusedRequests refused)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        var parsed = PagerDutyParser.Parse(body, () => Guid.NewGuid().ToString("N"));
        var route = parsed.RoutingKey is null ? null : routes.Find(parsed.RoutingKey, parsed.SourceName ?? PagerDutyParser.DefaultSourceName);
        var errors = parsed.Errors.ToList();
        if (parsed.RoutingKey is not null && route is null) errors.Insert(0, "'routing_key' is not a routing key SecBot knows (SecBot:Alerts:RoutingKeys).");
        if (errors.Count > 0 || parsed.Alert is not { } alert || route is null)
        {
            refused.Report(route is null ? "alert-routing-key" : "alert-invalid", string.Join(" ", errors));
            return Results.Json(new PagerDutyRejected("invalid event", "Event object is invalid", errors), AlertJsonContext.Default.PagerDutyRejected, statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            await intake.SubmitAsync(route, [alert], context.RequestAborted);
        }
        catch (AlertRateLimitedException e)
        {
            context.Response.Headers.RetryAfter = ((long)e.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(
                new PagerDutyRejected("throttle event", "Requests for this service are arriving too quickly. Please retry later.", [e.Message]),
                AlertJsonContext.Default.PagerDutyRejected,
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        catch (AlertRefusedException e)
        {
            refused.Report("alert-refused", e.Message);
            return Results.Json(new PagerDutyRejected("invalid event", "Event object is invalid", [$"Not recorded: {e.Message}."]), AlertJsonContext.Default.PagerDutyRejected, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Json(new PagerDutyAccepted("success", "Event processed", alert.DedupKey), AlertJsonContext.Default.PagerDutyAccepted, statusCode: StatusCodes.Status202Accepted);
    }
}
