using Microsoft.Extensions.Options;

namespace SecBot.Host.Http;

/// <summary>Start-up checks of <c>SecBot:Http</c>, each naming its key and what it accepts.</summary>
internal sealed class HttpLimitsOptionsValidation : IValidateOptions<HttpLimitsOptions>
{
    private const string Section = HttpLimitsOptions.SectionName;
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, HttpLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Within(problems, nameof(options.RequestHeadersTimeout), options.RequestHeadersTimeout, TimeSpan.FromSeconds(1));
        Within(problems, nameof(options.KeepAliveTimeout), options.KeepAliveTimeout, TimeSpan.FromSeconds(1));
        Within(problems, nameof(options.BodyReadTimeout), options.BodyReadTimeout, TimeSpan.FromSeconds(1));
        // Kestrel checks rates once a second, and refuses a grace period of a second or less.
        Within(problems, nameof(options.MinDataRateGracePeriod), options.MinDataRateGracePeriod, TimeSpan.FromSeconds(2));
        if (options.MinRequestBodyBytesPerSecond is < 1 or > 1_000_000 || double.IsNaN(options.MinRequestBodyBytesPerSecond))
            problems.Add($"{Section}:MinRequestBodyBytesPerSecond must be between 1 and 1000000 bytes a second.");
        if (options.MinResponseBytesPerSecond is < 1 or > 1_000_000 || double.IsNaN(options.MinResponseBytesPerSecond))
            problems.Add($"{Section}:MinResponseBytesPerSecond must be between 1 and 1000000 bytes a second.");
        if (options.MaxRequestHeadersTotalSize is < 4 * 1024 or > 1024 * 1024)
            problems.Add($"{Section}:MaxRequestHeadersTotalSize must be between 4096 and 1048576 bytes.");
        if (options.MaxRequestHeaderCount is < 16 or > 1000)
            problems.Add($"{Section}:MaxRequestHeaderCount must be between 16 and 1000.");
        if (options.MaxRequestLineSize is < 1024 or > 1024 * 1024)
            problems.Add($"{Section}:MaxRequestLineSize must be between 1024 and 1048576 bytes.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Within(List<string> problems, string key, TimeSpan value, TimeSpan shortest)
    {
        if (value < shortest || value > Longest)
            problems.Add($"{Section}:{key} must be between {shortest} and {Longest}, so a stalled client is cut off yet a slow network is not.");
    }
}
