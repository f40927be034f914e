using System.Collections;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecBot.Chat.Commands;
using SecBot.Chat.Parsing;
using SecBot.Testing.Fuzz;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class ParserProperties
{
    private static readonly string[] Words =
    [
        .. Parser.Usage.Lines.Select(l => l.Command), "request tool", "acknowledge", "on-call", "/secbot", "<at>SecBot</at>",
    ];

    private static readonly string[] Fragments =
    [
        "INC-3", "REV-7", "inc-0", "level:", "level:L2", "type:aws", "TYPE:", "\"", "'", "\u201C", "\u201D", "<at>", "</at>",
        "<@U1>", "<http://x|y>", "&lt;", "&amp;", "2026-11-24T09:00", "2026-11-24T09:00+01:00", "@maya", "SocEngineer",
        "threat-model", "tool", " ", "\n", "\u0000", "\uD800", "\u202E", "\U0001F525",
    ];

    [Property(MaxTest = 2_000)]
    public bool Parse_never_throws_and_always_returns_a_command_or_an_error_with_usage(string? text) =>
        IsWellFormed(Parser.Parse(text));

    [Property(MaxTest = 2_000)]
    public bool Every_command_word_followed_by_anything_returns_a_command_or_an_error_with_usage(byte word, string? rest) =>
        IsWellFormed(Parser.Parse($"{Words[word % Words.Length]} {rest}"));

    [Property(MaxTest = 2_000)]
    public Property Commands_built_from_meaningful_fragments_return_a_command_or_an_error_with_usage()
    {
        var messages =
            from word in Gen.Elements(Words)
            from parts in Gen.ArrayOf(Gen.Elements(Fragments))
            select word + " " + string.Join(' ', parts);
        return Prop.ForAll(messages.ToArbitrary(), text => IsWellFormed(Parser.Parse(text)));
    }

    /// <summary>Commands as people type them (README's table), each one read as a <see cref="ChatCommand"/>.</summary>
    private static readonly string[] Valid =
    [
        "declare \"Suspicious login burst\" type:general", "declare DB down level:L2", "ack INC-1", "acknowledge INC-12", "escalate INC-3 needs hands",
        "resolve INC-3 rotated the keys", "status", "status INC-4", "status REV-2", "oncall", "on-call SocEngineer", "help", "help approve",
        "review new-microservice \"payments-api v2\"", "approve REV-7 looks good", "approve REV-7 stage:2 fine", "reject REV-7 no threat model",
        "comment REV-7 see the doc", "object REV-7 too broad", "resubmit REV-7 fixed", "reviews", "request tool \"Burp licence\"",
        "override REV-7 IRLead nobody else can sign", "cover list", "cover cancel COV-2", "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00 @maya",
    ];

    [Fact]
    public void Every_valid_seed_is_a_command()
    {
        Assert.All(Valid, text => Assert.True(Parser.Parse(text) is ChatCommand, $"{text}: {Parser.Parse(text)}"));
    }

    [Property(MaxTest = 3_000)]
    public Property What_a_command_carries_is_clean_text_within_its_limits()
    {
        var messages = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            from valid in Gen.Elements(Valid)
            from salt in Gen.Choose(0, int.MaxValue)
            select Mutated(valid, new Random(salt)));
        return Prop.ForAll(messages.ToArbitrary(), text => IsWellFormed(Parser.Parse(text)) && (Parser.Parse(text) is not ChatCommand command || IsClean(command)));
    }

    [Property(MaxTest = 1_000)]
    public Property The_command_word_case_surrounding_blanks_and_a_secbot_prefix_change_nothing() =>
        Prop.ForAll(
            (from valid in Gen.Elements(Valid)
             from salt in Gen.Choose(0, int.MaxValue)
             select (valid, Restated(valid, new Random(salt)))).ToArbitrary(),
            pair => Equals(Parser.Parse(pair.valid), Parser.Parse(pair.Item2)));

    [Property(MaxTest = 200)]
    public bool A_message_over_the_limit_is_refused_before_it_is_read(byte word, PositiveInt extra) =>
        Parser.Parse(Valid[word % Valid.Length] + " " + new string('x', CommandLimits.MessageMaxLength + (extra.Get % 1000))) is ParseError;

    // A valid command spoiled one way: hostile text inserted, cut short, a token repeated, or its case flipped.
    private static string Mutated(string valid, Random random)
    {
        var at = random.Next(valid.Length + 1);
        return random.Next(4) switch
        {
            0 => valid[..at] + ArbitraryText.Next(random) + valid[at..],
            1 => valid[..at],
            2 => valid + " " + valid.Split(' ')[random.Next(valid.Split(' ').Length)],
            _ => new string([.. valid.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c)]),
        };
    }

    // The same command as another client or person writes it: the command word's case, blanks around, a leading "secbot".
    private static string Restated(string valid, Random random)
    {
        var space = valid.IndexOf(' ', StringComparison.Ordinal);
        var word = space < 0 ? valid : valid[..space];
        var restated = (random.Next(2) == 0 ? word.ToUpperInvariant() : word) + (space < 0 ? "" : valid[space..]);
        return new string(' ', random.Next(3)) + (random.Next(2) == 0 ? "secbot " : "") + restated + new string(' ', random.Next(3));
    }

    // Every string a command holds, nested references included, is what people can read back: no lone surrogates, no
    // control characters but line breaks, no direction overrides, and within the longest limit of any field.
    private static bool IsClean(object value)
    {
        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            switch (property.GetValue(value))
            {
                case string text when !IsReadable(text):
                    throw new InvalidOperationException($"{value.GetType().Name}.{property.Name} holds unreadable or overlong text: {string.Join(' ', text.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))}");
                case PersonReference reference when !IsClean(reference):
                    return false;
                case IEnumerable items and not string:
                    foreach (var item in items) if (item is string s && !IsReadable(s)) throw new InvalidOperationException($"{value.GetType().Name}.{property.Name} holds {s}");
                    break;
            }
        }

        return true;
    }

    private static bool IsReadable(string text) =>
        text.Length <= CommandLimits.TextMaxLength
        && !text.Select((c, i) => char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(text[i - 1]))).Contains(false)
        && !text.Any(c => (char.IsControl(c) && c != '\n') || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'));

    private static bool IsWellFormed(ParseResult result) => result switch
    {
        ParseError error => !string.IsNullOrWhiteSpace(error.Problem) && !string.IsNullOrWhiteSpace(error.Usage),
        ChatCommand => true,
        _ => false,
    };
}
