namespace SecBot.Slack.Rendering;

/// <summary>Block Kit limits SecBot renders within (slack-protocol.md §7); past them Slack answers <c>invalid_blocks</c>.</summary>
public static class SlackLimits
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;
    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int FieldText = 2000;
    public const int HeaderText = 150;
    public const int ContextElements = 10;
    public const int ContextText = 3000;
    public const int ActionsElements = 25;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int Id = 255;
    public const int InputLabel = 2000;
    public const int Placeholder = 150;
    public const int PlainTextInputMaxLength = 3000;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int CheckboxOptions = 10;
    public const int ViewTitle = 24;
    public const int PrivateMetadata = 3000;

    /// <summary>chat.update refuses text over 4,000 characters (<c>msg_too_long</c>, §6); the fallback stays under it.</summary>
    public const int FallbackText = 3000;
}
