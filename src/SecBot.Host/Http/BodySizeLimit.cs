using System.Text.Json.Nodes;
using SecBot.Chat.Inbound;

namespace SecBot.Host.Http;

/// <summary>
/// 413 with a JSON <c>{"error":…}</c> for a body over 1 MiB on every endpoint, present and future: one that declares
/// its length is refused before anything reads it; a chunked one is cut off by Kestrel's limit
/// (<see cref="KestrelLimits"/>) as it grows past 1 MiB while being read, whichever endpoint was reading it. Each is
/// reported to <see cref="RefusedRequests"/> under <see cref="BoundedBody.Cause"/>.
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, RefusedRequests refused)
{
    public static IApplicationBuilder Use(IApplicationBuilder app) => app.UseMiddleware<BodySizeLimit>();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > BoundedBody.MaxBytes)
        {
            await RefuseAsync(context, "declared");
            return;
        }

        var watch = new BodyLimitWatch(context.Request.Body);
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
        return Results.Json(new JsonObject { ["error"] = BoundedBody.TooLarge }, statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
    }
}
