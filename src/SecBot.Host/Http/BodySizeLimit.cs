using Microsoft.Extensions.Options;
using SecBot.Chat.Inbound;

namespace SecBot.Host.Http;

/// <summary>
/// 413 with a JSON <c>{"error":…}</c> for a body over 1 MiB on every endpoint, present and future: one that declares
/// its length is refused before anything reads it; a chunked one is cut off by Kestrel's limit
/// (<see cref="KestrelLimits"/>) as it grows past 1 MiB while being read, whichever endpoint was reading it. Each is
/// reported to <see cref="RefusedRequests"/> under <see cref="BoundedBody.Cause"/>. A body that has not all arrived
/// <see cref="HttpLimitsOptions.BodyReadTimeout"/> after it was first read is answered 408 and its connection closed.
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, RefusedRequests refused, IOptions<HttpLimitsOptions> limits, TimeProvider time)
{
    /// <summary>The cause <see cref="RefusedRequests"/> counts a body that did not arrive within <see cref="HttpLimitsOptions.BodyReadTimeout"/> under.</summary>
    public const string SlowCause = "body-too-slow";

    public static IApplicationBuilder Use(IApplicationBuilder app) => app.UseMiddleware<BodySizeLimit>();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > BoundedBody.MaxBytes)
        {
            await RefuseAsync(context, "declared");
            return;
        }

        await using var watch = new BodyLimitWatch(context.Request.Body, limits.Value.BodyReadTimeout, time);
        context.Request.Body = watch;
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context, "read");
            return;
        }
        catch (BadHttpRequestException e) when (watch.TooSlow && !context.Response.HasStarted)
        {
            refused.Report(SlowCause, $"{context.Request.Method} {context.Request.Path}: {e.Message}");
            // The rest of the body may never come: the connection is closed rather than kept for it.
            context.Response.Headers.Connection = "close";
            await Results.Json(new ErrorBody(e.Message), ErrorBody.JsonInfo, statusCode: StatusCodes.Status408RequestTimeout).ExecuteAsync(context);
            return;
        }

        // A reader that swallowed the limit (minimal APIs binding a JSON body do) answered as if the body were empty.
        if (watch.LimitReached && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await RefuseAsync(context, "read");
        }
    }

    private Task RefuseAsync(HttpContext context, string how)
    {
        refused.Report(BoundedBody.Cause, $"{context.Request.Method} {context.Request.Path}: {BoundedBody.TooLarge} ({how})");
        return Results.Json(new ErrorBody(BoundedBody.TooLarge), ErrorBody.JsonInfo, statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
    }
}
