using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecBot.Chat.Commands;
using SecBot.Chat.Parsing;
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

    private static bool IsWellFormed(ParseResult result) => result switch
    {
        ParseError error => !string.IsNullOrWhiteSpace(error.Problem) && !string.IsNullOrWhiteSpace(error.Usage),
        ChatCommand => true,
        _ => false,
    };
}
