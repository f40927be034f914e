using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SecBot.Chat.Commands;
using SecBot.Chat.Ids;

namespace SecBot.Chat.Parsing;

/// <summary>
/// Turns the text of a chat message into a <see cref="ChatCommand"/>, or a <see cref="ParseError"/> that says what
/// was wrong and shows the usage. It never throws, whatever the text.
/// </summary>
public sealed class CommandParser
{
    private const string LevelOption = "level";
    private const string TypeOption = "type";
    private const string CoverListWord = "list";
    private const string CoverCancelWord = "cancel";

    private readonly CommandVocabulary _vocabulary;
    private readonly Dictionary<string, (string Word, Func<CommandArguments, ParseResult> Parse)> _commands;

    public CommandParser(CommandVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
        Usage = new CommandUsage(vocabulary);
        _commands = new(StringComparer.OrdinalIgnoreCase)
        {
            [CommandWords.Help] = (CommandWords.Help, ParseHelp),
            [CommandWords.Declare] = (CommandWords.Declare, ParseDeclare),
            [CommandWords.Ack] = (CommandWords.Ack, ParseAck),
            ["acknowledge"] = (CommandWords.Ack, ParseAck),
            [CommandWords.Escalate] = (CommandWords.Escalate, ParseEscalate),
            [CommandWords.Resolve] = (CommandWords.Resolve, ParseResolve),
            [CommandWords.Status] = (CommandWords.Status, ParseStatus),
            [CommandWords.OnCall] = (CommandWords.OnCall, ParseOnCall),
            ["on-call"] = (CommandWords.OnCall, ParseOnCall),
            [CommandWords.Cover] = (CommandWords.Cover, ParseCover),
            [CommandWords.Review] = (CommandWords.Review, ParseReview),
            [CommandWords.Approve] = (CommandWords.Approve, ParseApprove),
            [CommandWords.Reject] = (CommandWords.Reject, ParseReject),
            [CommandWords.Resubmit] = (CommandWords.Resubmit, ParseResubmit),
            [CommandWords.Override] = (CommandWords.Override, ParseOverride),
            [CommandWords.Comment] = (CommandWords.Comment, ParseComment),
            [CommandWords.Object] = (CommandWords.Object, ParseObject),
            [CommandWords.Reviews] = (CommandWords.Reviews, ParseReviews),
            [CommandWords.Request] = (CommandWords.Request, ParseRequest),
            [CommandWords.Retry] = (CommandWords.Retry, ParseRetry),
            [CommandWords.Report] = (CommandWords.Report, ParseReport),
        };
    }

    public CommandUsage Usage { get; }

    public CommandVocabulary Vocabulary => _vocabulary;

    /// <summary>
    /// Parses a message. Leading <c>secbot</c>, <c>/secbot</c>, Slack <c>&lt;@U123&gt;</c> and Teams
    /// <c>&lt;at&gt;SecBot&lt;/at&gt;</c> mentions are skipped; an empty message asks for help.
    /// </summary>
    public ParseResult Parse(string? text)
    {
        var raw = text ?? "";
        if (raw.Length > CommandLimits.MessageMaxLength)
        {
            return new ParseError(
                $"The message is {Count(raw.Length)} characters long; commands are at most {Count(CommandLimits.MessageMaxLength)}.",
                Usage.HelpText);
        }

        var normalized = InboundText.Normalize(raw);
        var tokens = CommandTokenizer.Tokenize(normalized);
        var first = tokens.FindIndex(t => !IsAddressingTheBot(t));
        if (first < 0) return new HelpCommand(null);

        var word = tokens[first].Value;
        if (!_commands.TryGetValue(word.Trim(), out var command))
        {
            return ClosestCommand(word.Trim()) is { } meant
                ? new ParseError($"{TextShape.Echo(word)} is not a SecBot command; did you mean {meant}?", Usage.For(meant).Text)
                : new ParseError($"{TextShape.Echo(word)} is not a SecBot command.", Usage.HelpText);
        }

        return command.Parse(new CommandArguments(normalized, tokens, first + 1));
    }

    /// <summary>The command a mistyped word most likely meant: the nearest spelling within two edits (the first on a tie), else null.</summary>
    private string? ClosestCommand(string word)
    {
        const int MostEdits = 2;
        const int LongestWordWorthGuessing = 20;
        if (word.Length == 0 || word.Length > LongestWordWorthGuessing || word.Any(char.IsWhiteSpace)) return null;
        var best = _commands
            .Select(entry => (entry.Value.Word, Distance: EditDistance.Between(word.ToLowerInvariant(), entry.Key.ToLowerInvariant())))
            .Where(candidate => candidate.Distance <= Math.Min(MostEdits, Math.Max(word.Length - 1, 1)))
            .OrderBy(candidate => candidate.Distance)
            .FirstOrDefault();
        return best.Word;
    }

    private static bool IsAddressingTheBot(Token token)
    {
        if (token.IsQuoted) return false;
        if (SlackMention.TryReadUserId(token.Value, out _) || TeamsMention.TryReadName(token.Value, out _)) return true;
        var word = token.Value.TrimEnd(':', ',');
        return word.Equals("secbot", StringComparison.OrdinalIgnoreCase)
            || word.Equals("/secbot", StringComparison.OrdinalIgnoreCase)
            || word.Equals("@secbot", StringComparison.OrdinalIgnoreCase);
    }

    private ParseResult ParseHelp(CommandArguments args)
    {
        if (args.IsEmpty) return new HelpCommand(null);
        var asked = args[0].Value.Trim();
        if (_commands.TryGetValue(asked, out var command)) return new HelpCommand(command.Word);
        return ClosestCommand(asked) is { } meant
            ? new HelpCommand(meant, $"{TextShape.Echo(asked)} is not a SecBot command; did you mean {meant}?")
            : new HelpCommand(null);
    }

    private ParseResult ParseDeclare(CommandArguments args)
    {
        if (args.IsEmpty) return new OpenDeclareFormCommand();

        string? level = null;
        string? type = null;
        var titleTokens = new List<Token>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!TryReadOption(token, out var key, out var value))
            {
                titleTokens.Add(token);
                continue;
            }

            if (value.Length == 0 && i + 1 < args.Count && !TryReadOption(args[i + 1], out _, out _))
            {
                // "level: L2" — a space after the colon is an easy slip.
                value = args[++i].Value;
            }

            var isLevel = key.Equals(LevelOption, StringComparison.OrdinalIgnoreCase);
            var terms = isLevel ? _vocabulary.Levels : _vocabulary.IncidentTypes;
            var kind = isLevel ? "level" : "incident type";
            if ((isLevel ? level : type) is not null)
            {
                return Error(CommandWords.Declare, $"{(isLevel ? LevelOption : TypeOption)}: is given twice; give it once.");
            }

            if (value.Length == 0)
            {
                return Error(CommandWords.Declare, $"{(isLevel ? LevelOption : TypeOption)}: needs a value. Valid {kind}s: {terms.Describe()}.");
            }

            if (!terms.TryResolve(value, out var name))
            {
                return Error(
                    CommandWords.Declare,
                    $"Unknown {kind} {TextShape.Echo(value)}. Valid {kind}s: {terms.Describe()}. "
                    + $"If {TextShape.Echo(token.Raw)} is part of the title, put the title in quotes.");
            }

            if (isLevel) level = name;
            else type = name;
        }

        var title = CommandArguments.JoinAsLine(titleTokens);
        if (title.Length == 0) return Error(CommandWords.Declare, "declare needs a title (or nothing at all, to open the form).");
        return TooLong(CommandWords.Declare, "title", title, CommandLimits.TitleMaxLength)
            ?? new DeclareCommand(title, level, type);
    }

    private static bool TryReadOption(Token token, out string key, out string value)
    {
        key = "";
        value = "";
        if (token.IsQuoted) return false;
        var colon = token.Value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return false;
        var candidate = token.Value[..colon];
        if (!candidate.Equals(LevelOption, StringComparison.OrdinalIgnoreCase)
            && !candidate.Equals(TypeOption, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        key = candidate;
        value = token.Value[(colon + 1)..];
        return true;
    }

    private ParseResult ParseAck(CommandArguments args)
    {
        if (args.IsEmpty) return new AckCommand(null);
        if (args.Count > 1) return Error(CommandWords.Ack, $"ack takes at most an incident id; {TextShape.Echo(args.Skip(1).Line())} is extra.");
        return ReadIncidentId(CommandWords.Ack, args[0], out var id) ?? new AckCommand(id);
    }

    private ParseResult ParseEscalate(CommandArguments args)
    {
        var problem = ReadOptionalIncidentId(CommandWords.Escalate, args, out var id, out var rest);
        if (problem is not null) return problem;
        var reason = rest.FreeText();
        return TooLong(CommandWords.Escalate, "reason", reason, CommandLimits.TextMaxLength) ?? new EscalateCommand(id, reason);
    }

    private ParseResult ParseResolve(CommandArguments args)
    {
        var problem = ReadOptionalIncidentId(CommandWords.Resolve, args, out var id, out var rest);
        if (problem is not null) return problem;
        var summary = rest.FreeText();
        return TooLong(CommandWords.Resolve, "summary", summary, CommandLimits.TextMaxLength) ?? new ResolveCommand(id, summary);
    }

    /// <summary>
    /// The id may be left out inside an incident's channel, so a first word that is not an id starts the free text —
    /// unless it was plainly meant as an id (<c>INC-x</c>, <c>REV-3</c>), which is an error rather than a reason.
    /// </summary>
    private ParseResult? ReadOptionalIncidentId(string command, CommandArguments args, out IncidentId? id, out CommandArguments rest)
    {
        id = null;
        rest = args;
        if (args.IsEmpty) return null;
        var first = args[0];
        if (IncidentId.TryParse(first.Value, out var parsed))
        {
            id = parsed;
            rest = args.Skip(1);
            return null;
        }

        return LooksLikeAnId(first.Value) ? ReadIncidentId(command, first, out _) : null;
    }

    private static bool LooksLikeAnId(string word)
    {
        var trimmed = word.Trim();
        if (GateId.TryParse(trimmed, out _)) return true;
        return trimmed.Length > IncidentId.Prefix.Length
            && trimmed.StartsWith(IncidentId.Prefix, StringComparison.OrdinalIgnoreCase)
            && (trimmed[IncidentId.Prefix.Length] == '-' || char.IsAsciiDigit(trimmed[IncidentId.Prefix.Length]));
    }

    private ParseResult ParseStatus(CommandArguments args)
    {
        if (args.IsEmpty) return new OpenIncidentsStatusCommand();
        if (args.Count > 1) return Error(CommandWords.Status, $"status takes at most one id; {TextShape.Echo(args.Skip(1).Line())} is extra.");
        var word = args[0].Value;
        if (IncidentId.TryParse(word, out var incident)) return new IncidentStatusCommand(incident);
        if (GateId.TryParse(word, out var gate)) return new GateStatusCommand(gate);
        return Error(CommandWords.Status, $"{TextShape.Echo(word)} is not an incident id (INC-12) or a review gate id (REV-7).");
    }

    private ParseResult ParseOnCall(CommandArguments args)
    {
        if (args.IsEmpty) return new OnCallCommand(null);
        return TryResolveRole(CommandWords.OnCall, args.Line(), out var role, out var problem) ? new OnCallCommand(role) : problem;
    }

    /// <summary>
    /// <c>cover &lt;role&gt; &lt;from&gt; &lt;to&gt; [@person]</c>, <c>cover list [role]</c> or <c>cover cancel COV-n</c>:
    /// <c>list</c> and <c>cancel</c> are read as the sub-command only where they are not a configured role.
    /// </summary>
    private ParseResult ParseCover(CommandArguments args)
    {
        if (!args.IsEmpty && !_vocabulary.Roles.TryResolve(args[0].Value, out _))
        {
            if (args[0].Value.Equals(CoverListWord, StringComparison.OrdinalIgnoreCase)) return ParseCoverList(args.Skip(1));
            if (args[0].Value.Equals(CoverCancelWord, StringComparison.OrdinalIgnoreCase)) return ParseCoverCancel(args.Skip(1));
        }

        const int RoleFromTo = 3;
        const int RoleFromToPerson = 4;
        if (args.Count < RoleFromTo) return Error(CommandWords.Cover, "cover needs a role, a start time and an end time.");
        if (args.Count > RoleFromToPerson)
        {
            return Error(
                CommandWords.Cover,
                $"cover takes a role, two times and one person; {TextShape.Echo(args.Skip(RoleFromToPerson).Line())} is extra. Quote a name with spaces.");
        }

        if (!TryResolveRole(CommandWords.Cover, args[0].Value, out var role, out var roleProblem)) return roleProblem;

        var fromProblem = ReadTime(args[1], out var from);
        if (fromProblem is not null) return fromProblem;
        var toProblem = ReadTime(args[2], out var to);
        if (toProblem is not null) return toProblem;

        var endsTooEarly = (from.Instant, to.Instant) switch
        {
            ({ } fromInstant, { } toInstant) => fromInstant >= toInstant,
            (null, null) => from.WallClock >= to.WallClock,
            _ => false,
        };
        if (endsTooEarly) return Error(CommandWords.Cover, $"The cover ends ({to}) before or when it starts ({from}); the end must come after the start.");

        PersonReference? person = null;
        if (args.Count == RoleFromToPerson && !PersonReference.TryParse(args[3].Value, out person))
        {
            return Error(CommandWords.Cover, $"{TextShape.Echo(args[3].Value)} is not a person; mention them (@name) or write their name.");
        }

        return new CoverCommand(role, from, to, person);
    }

    private ParseResult ParseCoverList(CommandArguments args)
    {
        if (args.IsEmpty) return new CoverListCommand(null);
        return TryResolveRole(CommandWords.Cover, args.Line(), out var role, out var problem) ? new CoverListCommand(role) : problem;
    }

    private ParseResult ParseCoverCancel(CommandArguments args)
    {
        if (args.IsEmpty) return Error(CommandWords.Cover, "cover cancel needs the id of the cover, such as COV-3; cover list shows them.");
        if (args.Count > 1) return Error(CommandWords.Cover, $"cover cancel takes one cover id; {TextShape.Echo(args.Skip(1).Line())} is extra.");
        return CoverId.TryParse(args[0].Value, out var id)
            ? new CoverCancelCommand(id)
            : Error(CommandWords.Cover, $"{TextShape.Echo(args[0].Value)} is not a cover id; ids look like COV-3 (cover list shows them).");
    }

    private ParseResult? ReadTime(Token token, out StatedTime time)
    {
        if (StatedTime.TryParse(token.Value, out time)) return null;
        return Error(CommandWords.Cover, $"{TextShape.Echo(token.Value)} is not a time; write 2026-11-24T09:00, or 2026-11-24T09:00+01:00 with an offset.");
    }

    private ParseResult ParseReview(CommandArguments args)
    {
        if (args.IsEmpty) return Error(CommandWords.Review, "review needs a gate type and a title.");
        if (!_vocabulary.GateTypes.TryResolve(args[0].Value, out var gateType))
        {
            return Error(CommandWords.Review, $"Unknown gate type {TextShape.Echo(args[0].Value)}. Valid gate types: {_vocabulary.GateTypes.Describe()}.");
        }

        var title = args.Skip(1).Line();
        if (title.Length == 0) return Error(CommandWords.Review, "review needs a title after the gate type.");
        return TooLong(CommandWords.Review, "title", title, CommandLimits.TitleMaxLength) ?? new OpenReviewCommand(gateType, title);
    }

    private ParseResult ParseApprove(CommandArguments args)
    {
        const string StageOption = "stage:";
        var problem = ReadRequiredGateId(CommandWords.Approve, args, out var gate);
        if (problem is not null) return problem;
        var rest = args.Skip(1);
        int? stage = null;
        if (!rest.IsEmpty && !rest[0].IsQuoted && rest[0].Value.StartsWith(StageOption, StringComparison.OrdinalIgnoreCase))
        {
            var spelled = rest[0].Value[StageOption.Length..];
            if (spelled.Length == 0 && rest.Count > 1) (spelled, rest) = (rest[1].Value, rest.Skip(1));
            if (!int.TryParse(spelled, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return Error(CommandWords.Approve, $"stage: takes a stage number, e.g. approve {gate} stage:2; {TextShape.Echo(spelled)} is not one.");
            }

            stage = number;
            rest = rest.Skip(1);
        }

        var comment = rest.FreeText();
        return TooLong(CommandWords.Approve, "comment", comment, CommandLimits.TextMaxLength) ?? new ApproveCommand(gate, comment, stage);
    }

    private ParseResult ParseComment(CommandArguments args)
    {
        var problem = ReadRequiredGateId(CommandWords.Comment, args, out var gate);
        if (problem is not null) return problem;
        var text = args.Skip(1).FreeText();
        if (text is null) return Error(CommandWords.Comment, $"comment needs the text of the comment after {gate}.");
        return TooLong(CommandWords.Comment, "comment", text, CommandLimits.TextMaxLength) ?? new CommentCommand(gate, text);
    }

    private ParseResult ParseObject(CommandArguments args)
    {
        var problem = ReadRequiredGateId(CommandWords.Object, args, out var gate);
        if (problem is not null) return problem;
        var text = args.Skip(1).FreeText();
        if (text is null) return Error(CommandWords.Object, $"object needs what you object to after {gate}.");
        return TooLong(CommandWords.Object, "objection", text, CommandLimits.TextMaxLength) ?? new ObjectCommand(gate, text);
    }

    private ParseResult ParseReject(CommandArguments args)
    {
        var problem = ReadRequiredGateId(CommandWords.Reject, args, out var gate);
        if (problem is not null) return problem;
        var reason = args.Skip(1).FreeText();
        if (reason is null) return Error(CommandWords.Reject, "reject needs a reason, so the requester knows what to change.");
        return TooLong(CommandWords.Reject, "reason", reason, CommandLimits.TextMaxLength) ?? new RejectCommand(gate, reason);
    }

    private ParseResult ParseResubmit(CommandArguments args)
    {
        var problem = ReadRequiredGateId(CommandWords.Resubmit, args, out var gate);
        if (problem is not null) return problem;
        var note = args.Skip(1).FreeText();
        return TooLong(CommandWords.Resubmit, "note", note, CommandLimits.TextMaxLength) ?? new ResubmitCommand(gate, note);
    }

    /// <summary>
    /// <c>override REV-n &lt;seat&gt; &lt;reason&gt;</c>. The seat is checked against the policy's seats when any are
    /// configured (the canonical id is kept); whether it is pending, and whether the caller is a manager, the engine decides.
    /// </summary>
    private ParseResult ParseOverride(CommandArguments args)
    {
        var problem = ReadRequiredGateId(CommandWords.Override, args, out var gate);
        if (problem is not null) return problem;
        if (args.Count < 2) return Error(CommandWords.Override, $"override needs the seat to fill after {gate}, e.g. override {gate} IRLead <reason>.");

        var spelling = args[1].Value.Trim();
        string seat;
        if (_vocabulary.Seats.Terms.Count == 0)
        {
            seat = spelling;
        }
        else if (!_vocabulary.Seats.TryResolve(spelling, out var resolved))
        {
            return Error(CommandWords.Override, $"Unknown seat {TextShape.Echo(spelling)}. Valid seats: {_vocabulary.Seats.Describe()}.");
        }
        else
        {
            seat = resolved;
        }

        if (seat.Length == 0) return Error(CommandWords.Override, $"override needs the seat to fill after {gate}, e.g. override {gate} IRLead <reason>.");
        var reason = args.Skip(2).FreeText();
        if (reason is null) return Error(CommandWords.Override, "override needs a reason, so everyone can see why the seat could not wait.");
        return TooLong(CommandWords.Override, "reason", reason, CommandLimits.TextMaxLength) ?? new OverrideCommand(gate, seat, reason);
    }

    private ParseResult ParseReviews(CommandArguments args) =>
        args.IsEmpty
            ? new PendingReviewsCommand()
            : Error(CommandWords.Reviews, $"reviews takes nothing after it; {TextShape.Echo(args.Line())} is extra.");

    private ParseResult ParseRequest(CommandArguments args)
    {
        if (args.IsEmpty || !args[0].Value.Equals("tool", StringComparison.OrdinalIgnoreCase))
        {
            return Error(CommandWords.Request, "request is followed by tool and a title, e.g. request tool Osquery fleet manager.");
        }

        var title = args.Skip(1).Line();
        if (title.Length == 0) return Error(CommandWords.Request, "request tool needs a title saying which tool.");
        return TooLong(CommandWords.Request, "title", title, CommandLimits.TitleMaxLength) ?? new RequestToolCommand(title);
    }

    private ParseResult ParseRetry(CommandArguments args)
    {
        if (args.IsEmpty) return new RetryCommand(null);
        if (args.Count > 1) return Error(CommandWords.Retry, $"retry takes one id; {TextShape.Echo(args.Skip(1).Line())} is extra.");
        return RetryId.TryParse(args[0].Value, out var id)
            ? new RetryCommand(id)
            : Error(
                CommandWords.Retry,
                $"{TextShape.Echo(args[0].Value)} is not something to retry; ids look like MSG-12 (an undelivered message) or TMR-4 (a parked timer), as status and retry show them.");
    }

    private ParseResult ParseReport(CommandArguments args)
    {
        if (args.IsEmpty) return Error(CommandWords.Report, "report needs an incident id such as INC-12.");
        if (ReadIncidentId(CommandWords.Report, args[0], out var id) is { } notAnId) return notAnId;
        return args.Count > 1
            ? Error(CommandWords.Report, $"report takes one incident id; {TextShape.Echo(args.Skip(1).Line())} is extra.")
            : new ReportCommand(id);
    }

    private ParseResult? ReadIncidentId(string command, Token token, out IncidentId id)
    {
        if (IncidentId.TryParse(token.Value, out id)) return null;
        if (GateId.TryParse(token.Value, out var gate)) return Error(command, $"{gate} is a review gate; {command} takes an incident id such as INC-12.");
        return Error(command, $"{TextShape.Echo(token.Value)} is not an incident id; ids look like INC-12.");
    }

    private ParseResult? ReadRequiredGateId(string command, CommandArguments args, out GateId gate)
    {
        gate = default;
        if (args.IsEmpty) return Error(command, $"{command} needs a review gate id such as REV-7.");
        var word = args[0].Value;
        if (GateId.TryParse(word, out gate)) return null;
        if (IncidentId.TryParse(word, out var incident)) return Error(command, $"{incident} is an incident; {command} takes a review gate id such as REV-7.");
        return Error(command, $"{TextShape.Echo(word)} is not a review gate id; ids look like REV-7.");
    }

    private bool TryResolveRole(string command, string spelling, [NotNullWhen(true)] out string? role, [NotNullWhen(false)] out ParseError? problem)
    {
        problem = null;
        if (_vocabulary.Roles.TryResolve(spelling, out role)) return true;
        problem = Error(command, $"Unknown role {TextShape.Echo(spelling)}. Valid roles: {_vocabulary.Roles.Describe()}.");
        return false;
    }

    private ParseResult? TooLong(string command, string what, string? text, int limit) =>
        CommandLimits.TooLong(what, text, limit) is { } problem ? Error(command, problem) : null;

    private ParseError Error(string command, string problem) => new(problem, Usage.For(command).Text);

    private static string Count(int number) => number.ToString("N0", CultureInfo.InvariantCulture);
}
