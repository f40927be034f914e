namespace SecBot.Chat.Parsing;

/// <summary>
/// The one catalogue of command usage: <c>help</c> shows all of it, and every <see cref="Commands.ParseError"/>
/// carries the line of the command meant. Option values come from the policy, so usage matches configuration.
/// </summary>
public sealed class CommandUsage
{
    private const string IdMayBeOmitted = "the id may be left out in the incident's own channel or thread";

    public CommandUsage(CommandVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var levels = Choices(vocabulary.Levels, "level");
        var types = Choices(vocabulary.IncidentTypes, "type");
        Lines =
        [
            new(CommandWords.Help, "help [command]", "usage of every command, or of one"),
            new(CommandWords.Declare, $"declare <title> [level:{levels}] [type:{types}]", "declare an incident; with nothing after it, opens a form"),
            new(CommandWords.Ack, "ack [INC-n]", $"acknowledge a page; {IdMayBeOmitted}"),
            new(CommandWords.Escalate, "escalate INC-n [reason]", $"escalate to the next level; {IdMayBeOmitted}"),
            new(CommandWords.Resolve, "resolve INC-n [summary]", $"resolve an incident; {IdMayBeOmitted}"),
            new(CommandWords.Status, "status [INC-n|REV-n]", "one incident or review gate, or every open incident"),
            new(CommandWords.OnCall, "oncall [role]", "who is on call now, and until when"),
            new(CommandWords.Cover, "cover <role> <from> <to> [@person] | cover list [role] | cover cancel COV-n", "cover a shift of a role you hold, or (as the role's team manager) put @person on call; times like 2026-11-24T09:00, optionally with an offset (+01:00); list the covers in force or to come; cancel one (its person or the team's manager)"),
            new(CommandWords.Review, "review <gate-type> <title>", $"open a review gate; gate types: {vocabulary.GateTypes.Describe()}"),
            new(CommandWords.Approve, "approve REV-n [comment]", "approve a review gate; approve REV-n stage:<n> [comment] signs a later stage than one you signed already"),
            new(CommandWords.Reject, "reject REV-n <reason>", "request changes on a review gate; the reason is required"),
            new(CommandWords.Comment, "comment REV-n <text>", "comment on a review gate you review, without signing it; the requester is told"),
            new(CommandWords.Object, "object REV-n <text>", "an optional reviewer objects; shown on the gate and sent to the requester, never blocking"),
            new(CommandWords.Resubmit, "resubmit REV-n [note]", "submit a new revision after changes were requested"),
            new(CommandWords.Override, "override REV-n <seat> <reason>", $"a team manager fills a pending seat nobody eligible can sign (or one unsigned at the manager notice); the reason is required; seats: {vocabulary.Seats.Describe()}"),
            new(CommandWords.Reviews, "reviews", "review gates waiting on you"),
            new(CommandWords.Request, "request tool <title>", "request a new security tool (opens a tool-request gate)"),
            new(CommandWords.Retry, "retry [MSG-n|TMR-n]", "list what SecBot gave up on (undelivered messages MSG-n, parked timers TMR-n, as status shows them), or, as a team manager, re-queue one"),
            new(CommandWords.Report, "report INC-n", "the incident's postmortem draft in Markdown: its timeline, pages, acknowledgements, escalations, alerts, resolution and the sign-offs of its review; the command line prints all of it, also as JSON"),
        ];
        HelpText = string.Join('\n', Lines.Select(l => l.Text));
    }

    public IReadOnlyList<CommandUsageLine> Lines { get; }

    /// <summary>Every line, one per command.</summary>
    public string HelpText { get; }

    /// <exception cref="ArgumentException"><paramref name="command"/> is not a canonical command word.</exception>
    public CommandUsageLine For(string command) =>
        Lines.FirstOrDefault(l => l.Command.Equals(command, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{command}' is not a command word.", nameof(command));

    private static string Choices(VocabularyTermSet terms, string placeholder) =>
        terms.Terms.Count == 0 ? $"<{placeholder}>" : string.Join('|', terms.Spellings);
}
