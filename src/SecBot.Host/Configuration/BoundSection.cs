using SecBot.Chat.Incidents;
using SecBot.Domain.Policy;
using SecBot.Host.Alerts;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Delivery;
using SecBot.Host.Http;
using SecBot.Host.GateApi;
using SecBot.Host.Ledger;
using SecBot.Host.Metrics;
using SecBot.Host.Retention;
using SecBot.Slack.Configuration;
using SecBot.Storage.Database;
using SecBot.Teams.Configuration;

namespace SecBot.Host.Configuration;

/// <summary>A configuration section and the options type bound from it.</summary>
public sealed record BoundSection(string Path, Type Options)
{
    /// <summary>Every section the service binds, so <see cref="SettingsCheck"/> reads each value SecBot uses.</summary>
    public static IReadOnlyList<BoundSection> All { get; } =
    [
        new(PolicyOptions.SectionName, typeof(PolicyOptions)),
        new(DeliveryOptions.SectionName, typeof(DeliveryOptions)),
        new(RetentionOptions.SectionName, typeof(RetentionOptions)),
        new(SlackOptions.SectionName, typeof(SlackOptions)),
        new(TeamsOptions.SectionName, typeof(TeamsOptions)),
        new(DatabaseOptions.SectionName, typeof(DatabaseOptions)),
        new(LedgerOptions.SectionName, typeof(LedgerOptions)),
        new(DeclareLimitOptions.SectionName, typeof(DeclareLimitOptions)),
        new(HttpLimitsOptions.SectionName, typeof(HttpLimitsOptions)),
        new(ApiOptions.SectionName, typeof(ApiOptions)),
        new(AlertOptions.SectionName, typeof(AlertOptions)),
        new(ConsoleOptions.SectionName, typeof(ConsoleOptions)),
        new(MetricsOptions.SectionName, typeof(MetricsOptions)),
    ];
}
