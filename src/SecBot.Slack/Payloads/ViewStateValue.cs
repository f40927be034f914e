namespace SecBot.Slack.Payloads;

/// <summary>One input's value inside <c>state.values</c>; which member is set depends on the element type.</summary>
public sealed record ViewStateValue
{
    public string? Type { get; init; }
    public string? Value { get; init; }
    public SelectedOption? SelectedOption { get; init; }
    public IReadOnlyList<SelectedOption>? SelectedOptions { get; init; }
    public string? SelectedUser { get; init; }
    public IReadOnlyList<string>? SelectedUsers { get; init; }
    public string? SelectedChannel { get; init; }
    public IReadOnlyList<string>? SelectedChannels { get; init; }
    public string? SelectedConversation { get; init; }
    public IReadOnlyList<string>? SelectedConversations { get; init; }
    public string? SelectedDate { get; init; }
    public string? SelectedTime { get; init; }

    /// <summary>The value as text; lists (checkboxes, multi-selects) become one selected value per line.</summary>
    public string? AsText()
    {
        if (Value is not null) return Value;
        if (SelectedOption is not null) return SelectedOption.Value;
        if (SelectedOptions is not null) return string.Join('\n', SelectedOptions.Select(o => o.Value));
        return SelectedUser ?? SelectedChannel ?? SelectedConversation ?? SelectedDate ?? SelectedTime
            ?? JoinOrNull(SelectedUsers) ?? JoinOrNull(SelectedChannels) ?? JoinOrNull(SelectedConversations);
    }

    private static string? JoinOrNull(IReadOnlyList<string>? values) => values is null ? null : string.Join('\n', values);
}
