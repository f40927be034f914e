namespace SecBot.Chat.Cards;

/// <summary>
/// The value a <see cref="CardInputKind.Checkboxes"/> input hands to the command, whichever platform showed it: the ticked
/// options' own texts, one per line, empty when none is ticked (what <see cref="Reviews.ChecklistInput.Read"/> reads).
/// </summary>
public static class CheckboxValue
{
    public static string Of(IEnumerable<string> tickedOptions)
    {
        ArgumentNullException.ThrowIfNull(tickedOptions);
        return string.Join('\n', tickedOptions);
    }
}
