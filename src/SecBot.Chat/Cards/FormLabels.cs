namespace SecBot.Chat.Cards;

/// <summary>Words on a form that do not depend on the platform showing it.</summary>
public static class FormLabels
{
    public const string DefaultSubmit = "Submit";

    /// <summary>
    /// The submit button says what it does: the title's verb ("Resolve INC-3" → Resolve, "Declare an incident" → Declare),
    /// or <see cref="DefaultSubmit"/> when the title has none that fits in <paramref name="maxLength"/>.
    /// </summary>
    public static string SubmitLabel(string? title, int maxLength)
    {
        var verb = (title ?? "").Trim().Split(' ', 2)[0];
        return verb.Length > 0 && verb.Length <= maxLength ? verb : DefaultSubmit;
    }

    /// <summary>The error shown under a required input left blank.</summary>
    public static string Required(CardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return $"{input.Label} is required.";
    }
}
