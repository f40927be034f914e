namespace SecBot.Host.Logging;

/// <summary>
/// Keeps configured secrets out of every log sink. ASP.NET Core's request log (<c>Microsoft.AspNetCore.Hosting.Diagnostics</c>,
/// "Request starting … /alerts/alertmanager?routing_key=…") writes each request's full URL, query string included, and the
/// Alertmanager endpoint accepts its routing key there; so that category is held at Warning whatever the general levels
/// say. Only a provider-specific level (<c>Logging:Console:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics</c>) lifts it.
/// </summary>
public static class SecretSafeLogging
{
    public const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static ILoggingBuilder KeepSecretsOut(this ILoggingBuilder logging) => logging.AddFilter(RequestLogCategory, LogLevel.Warning);
}
