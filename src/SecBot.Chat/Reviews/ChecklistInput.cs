namespace SecBot.Chat.Reviews;

/// <summary>
/// Reads the ticked checklist items out of a button's checkbox input. Slack sends one value per line, Teams a
/// comma-separated list; an item that itself contains a comma is kept whole when it matches the checklist.
/// </summary>
public static class ChecklistInput
{
    private static readonly char[] ListSeparators = [',', ';'];

    public static IReadOnlyList<string> Read(string? input, IReadOnlyCollection<string> checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        if (string.IsNullOrWhiteSpace(input)) return [];

        var items = new List<string>();
        foreach (var line in input.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (checklist.Contains(line, StringComparer.OrdinalIgnoreCase))
            {
                items.Add(line);
                continue;
            }

            items.AddRange(line.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return [.. items.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
