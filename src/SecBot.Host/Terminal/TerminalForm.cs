using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;

namespace SecBot.Host.Terminal;

/// <summary>
/// A form a command opens (<c>declare</c> with no title), asked on the terminal one field at a time: the field's label,
/// its choices where it has them, required ones asked again until answered, optional ones skipped with an empty line.
/// The answers become the command the form stands for (<see cref="FormCommands.CommandText"/>), as a Slack modal's or a
/// Teams card form's do.
/// </summary>
public static class TerminalForm
{
    /// <summary>The command the filled form stands for, or why there is none: the input ended first, or the form is not one SecBot knows.</summary>
    public static async Task<FilledForm> FillAsync(FormRequest form, TerminalTranscript transcript, Func<Task<string?>> readLine)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(readLine);
        transcript.WriteLine($"{form.Title}: answer each field; an empty line leaves an optional one out.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.Inputs)
        {
            while (true)
            {
                transcript.Ask(Question(input));
                if (await readLine() is not { } answer) return new FilledForm(null, $"{form.Title}: input ended before the form was filled; nothing was done.", InputEnded: true);
                answer = answer.Trim();
                if (answer.Length == 0 && input.Required)
                {
                    transcript.WriteLine(FormLabels.Required(input));
                    continue;
                }

                if (answer.Length > 0) values[input.Id] = answer;
                break;
            }
        }

        return FormCommands.CommandText(form.Kind, values) is { } command
            ? new FilledForm(command, "", InputEnded: false)
            : new FilledForm(null, $"{form.Title}: the terminal cannot submit a '{form.Kind}' form; use Slack, Teams or the web console.", InputEnded: false);
    }

    private static string Question(CardInput input)
    {
        var choices = input.Options.Count > 0
            ? $" [{string.Join(", ", input.Options)}{(input.Kind == CardInputKind.Checkboxes ? "; several, comma-separated" : "")}]"
            : "";
        return $"{input.Label}{choices}{(input.Required ? "" : " (optional)")}:";
    }
}

/// <summary>A form asked on the terminal: the command it stands for, or the <see cref="Problem"/> that left it unsubmitted.</summary>
public sealed record FilledForm(string? Command, string Problem, bool InputEnded);
