using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SecBot.Chat.Inbound;

namespace SecBot.Host.GateApi;

/// <summary>
/// The per-key rate limit of the Gate API: each configured API key has its own fixed window of
/// <see cref="ApiRateLimitOptions.PermitLimit"/> requests, keyed by the key's SHA-256; every request without a known key
/// shares one window, so the limiter holds at most one window per configured key plus one, whatever is presented.
/// An endpoint opts in with <c>.RequireRateLimiting(ApiRateLimiting.PolicyName)</c>.
/// Past the limit: 429 with <c>Retry-After</c> and <c>{"error":…}</c>, reported to <see cref="RefusedRequests"/>.
/// </summary>
public static class ApiRateLimiting
{
    public const string PolicyName = "per-credential";

    /// <summary>The <see cref="RefusedRequests"/> cause of a request over its limit.</summary>
    public const string RefusedCause = "api-rate-limit";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, Partition);
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>The one window of every request without a known key (none, or a guessed one).</summary>
    private const string UnknownCredentials = "unknown";

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
        var caller = context.RequestServices.GetRequiredService<ApiKeys>().Find(BearerCredential.Of(context.Request));
        var partition = caller is null ? UnknownCredentials : $"key:{caller.KeySha256}";
        return RateLimitPartition.GetFixedWindowLimiter(
            partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0, AutoReplenishment = true });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.RequestServices.GetRequiredService<RefusedRequests>().Report(
            RefusedCause, $"{context.Request.Method} {context.Request.Path}: more than {limits.PermitLimit} requests with one credential in {limits.Window}");

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(
            new ErrorBody($"Too many requests with this credential: at most {limits.PermitLimit} per {limits.Window}; try again in {seconds} s."),
            ErrorBody.JsonInfo,
            cancellationToken: cancellationToken);
    }
}
