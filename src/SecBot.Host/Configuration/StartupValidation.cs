using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Host.Http;
using SecBot.Host.GateApi;
using SecBot.Host.Alerts;
using SecBot.Host.Ledger;
using SecBot.Host.Retention;
using SecBot.Slack.Configuration;
using SecBot.Storage.Database;
using SecBot.Teams.Configuration;

namespace SecBot.Host.Configuration;

/// <summary>
/// Every configuration problem in one run: the values <see cref="SettingsCheck"/> refused, then what each options
/// validator finds in the rest. Resolving an option runs its validators; the first failure would otherwise hide the others.
/// </summary>
public static class StartupValidation
{
    public static void ThrowIfInvalid(IServiceProvider services, SettingsCheckResult settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        var failures = Failures<PolicyOptions>(services).Concat(Failures<SlackOptions>(services)).Concat(Failures<TeamsOptions>(services)).Concat(Failures<RetentionOptions>(services)).Concat(Failures<LedgerOptions>(services)).Concat(Failures<DatabaseOptions>(services))
            .Concat(Failures<HttpLimitsOptions>(services)).Concat(Failures<ApiOptions>(services)).Concat(Failures<AlertOptions>(services))
            .Concat(Failures<SecBot.Host.ConsolePlatform.ConsoleOptions>(services));
        var problems = settings.Problems.Concat(failures.Where(p => !settings.AlreadyReported(p))).ToList();
        if (problems.Count > 0) throw new StartupConfigurationException(string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<string> Failures<TOptions>(IServiceProvider services) where TOptions : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures;
        }
    }
}
