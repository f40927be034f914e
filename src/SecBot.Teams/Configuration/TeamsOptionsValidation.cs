using Microsoft.Extensions.Options;

namespace SecBot.Teams.Configuration;

/// <summary>Start-up checks of <c>SecBot:Teams</c>, each naming its key (contract.md "Running").</summary>
internal sealed class TeamsOptionsValidation : IValidateOptions<TeamsOptions>
{
    private const string Section = TeamsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsEnabled) return ValidateOptionsResult.Success;

        var problems = new List<string>();
        if (!Guid.TryParse(options.AppId, out _)) problems.Add($"{Section}:AppId must be the bot's Microsoft App ID (a GUID); got '{options.AppId}'.");
        if (string.IsNullOrWhiteSpace(options.AppPassword) && !options.AllowAnonymousLoopback) problems.Add($"{Section}:AppPassword is required when {Section}:AppId is set (the app registration's client secret).");
        if (options.AcceptEntraIdTokens && string.IsNullOrEmpty(options.TenantId))
        {
            problems.Add($"{Section}:AcceptEntraIdTokens needs {Section}:TenantId: Entra ID tokens are accepted from the bot's own tenant only.");
        }

        if (!string.IsNullOrEmpty(options.TenantId) && !Guid.TryParse(options.TenantId, out _)) problems.Add($"{Section}:TenantId must be a GUID when set; got '{options.TenantId}'.");
        CheckUrl(problems, nameof(TeamsOptions.ServiceUrl), options.ServiceUrl, TeamsOptions.DefaultServiceUrl);
        CheckUrl(problems, nameof(TeamsOptions.OpenIdMetadataUrl), options.OpenIdMetadataUrl, TeamsOptions.DefaultOpenIdMetadataUrl);
        CheckUrl(problems, nameof(TeamsOptions.TokenEndpoint), options.TokenEndpoint, TeamsOptions.DefaultTokenEndpoint);
        CheckUrl(problems, nameof(TeamsOptions.EntraOpenIdMetadataUrl), options.EntraOpenIdMetadataUrl.Replace("{tenant}", "common", StringComparison.Ordinal), "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckUrl(List<string> problems, string key, string value, string example)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Section}:{key} must be an absolute http(s) URL such as {example}; got '{value}'.");
        }
    }
}
