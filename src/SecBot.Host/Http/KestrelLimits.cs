using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using SecBot.Chat.Inbound;

namespace SecBot.Host.Http;

/// <summary>
/// Kestrel's limits from <c>SecBot:Http</c> (<see cref="HttpLimitsOptions"/>), so that a client cannot hold a connection
/// or memory by sending slowly or not at all: headers must arrive within their timeout, an idle connection is closed,
/// bodies and responses must move at a minimum rate, and no body is read past 1 MiB (chunked ones included: Kestrel
/// stops reading them there, and <see cref="BodySizeLimit"/> answers 413).
/// </summary>
public static class KestrelLimits
{
    public static IServiceCollection AddKestrelLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpLimitsOptions>().Bind(configuration.GetSection(HttpLimitsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpLimitsOptions>, HttpLimitsOptionsValidation>();
        // Kestrel is built with the application, before the start-up checks run: it reads the section unvalidated, and
        // values the checks will refuse leave its defaults (the start then stops, naming them).
        services.AddOptions<KestrelServerOptions>().Configure(kestrel =>
        {
            var options = configuration.GetSection(HttpLimitsOptions.SectionName).Get<HttpLimitsOptions>() ?? new HttpLimitsOptions();
            if (new HttpLimitsOptionsValidation().Validate(null, options).Succeeded) Apply(kestrel.Limits, options);
            else kestrel.Limits.MaxRequestBodySize = BoundedBody.MaxBytes;
        });
        return services;
    }

    private static void Apply(KestrelServerLimits limits, HttpLimitsOptions options)
    {
        limits.MaxRequestBodySize = BoundedBody.MaxBytes;
        limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
        limits.KeepAliveTimeout = options.KeepAliveTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, options.MinDataRateGracePeriod);
        limits.MinResponseDataRate = new MinDataRate(options.MinResponseBytesPerSecond, options.MinDataRateGracePeriod);
        limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = options.MaxRequestHeaderCount;
        limits.MaxRequestLineSize = options.MaxRequestLineSize;
    }
}
