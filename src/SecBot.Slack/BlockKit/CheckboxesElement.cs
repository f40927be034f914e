namespace SecBot.Slack.BlockKit;

/// <summary>A <c>checkboxes</c> group; Slack allows at most 10 options in one group.</summary>
public sealed record CheckboxesElement(string ActionId, IReadOnlyList<OptionObject> Options) : BlockElement(ActionId);
