using Microsoft.Extensions.Options;

namespace SecBot.Host.GateApi;

/// <summary>Start-up checks of <c>SecBot:Api</c>, each naming its key.</summary>
internal sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    /// <summary>Shorter keys can be guessed; 16 characters is the least a generated key has.</summary>
    public const int ShortestKey = 16;

    private const string Section = ApiOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (key, entry) in options.Keys)
        {
            // The key itself is a secret: a problem names it by its service, or by its first characters.
            var which = entry is { Name.Length: > 0 } ? $"the key of '{entry.Name}'" : $"{Section}:Keys:{key[..Math.Min(4, key.Length)]}…";
            if (key.Length < ShortestKey || key.Any(char.IsWhiteSpace))
            {
                problems.Add($"{which} must be at least {ShortestKey} characters without spaces: it is the password a pipeline presents as 'Authorization: Bearer <key>'.");
            }

            if (entry is null || string.IsNullOrWhiteSpace(entry.Name))
            {
                problems.Add($"{which} needs a Name, the service it belongs to ({{ \"Name\": \"deploy-pipeline\" }}): gates it opens are recorded as opened by that service.");
            }
        }

        if (options.RateLimit.PermitLimit < 1)
        {
            problems.Add($"{Section}:RateLimit:PermitLimit must be at least 1: it is how many requests one key may make per window.");
        }

        if (options.RateLimit.Window <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:RateLimit:Window must be a positive duration such as 00:01:00.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
