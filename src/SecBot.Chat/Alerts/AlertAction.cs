namespace SecBot.Chat.Alerts;

/// <summary>What an alert asks for: PagerDuty's event_action; Alertmanager's firing (trigger) and resolved.</summary>
public enum AlertAction
{
    Trigger,
    Acknowledge,
    Resolve,
}
