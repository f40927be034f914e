using SecBot.Chat.Delivery.Resilience;

namespace SecBot.Slack.WebApi;

/// <summary>
/// <c>SecBot:Slack:Resilience</c>: the shared retry policy (<see cref="ApiResilienceOptions"/>, same keys and defaults)
/// as Slack binds it (slack-protocol.md §6).
/// </summary>
public sealed class SlackResilienceOptions : ApiResilienceOptions;
