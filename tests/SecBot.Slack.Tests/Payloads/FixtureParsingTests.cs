using SecBot.Chat.Inbound;
using System.Text;
using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;
using SecBot.Slack.WebApi;
using SecBot.Testing.Slack;

namespace SecBot.Slack.Tests.Payloads;

/// <summary>
/// Every file in tests/fixtures/slack (the shared Slack fixtures, copied verbatim) parses with the parser for its kind (the file name's prefix), into the
/// record for its type, never an "unknown" one. A new fixture with a prefix nobody maps fails here.
/// </summary>
public sealed class FixtureParsingTests
{
    public static TheoryData<string> AllFixtures() => new(Names());

    private static List<string> Names() =>
        Directory.EnumerateFiles(SlackFixtures.Directory)
            .Select(path => Path.GetFileName(path))
            .Where(name => name != "README.md")
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_fixture_folder_holds_every_kind_of_payload()
    {
        var names = Names();

        Assert.True(names.Count >= 27, $"only {names.Count} fixtures found in {SlackFixtures.Directory}");
        foreach (var prefix in new[] { "slash_command.", "interactivity.", "block_actions.", "view_submission.", "url_verification", "event_callback.", "event.", "web." })
        {
            Assert.Contains(names, n => n.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_fixture_parses_with_the_parser_for_its_kind(string name)
    {
        var text = SlackFixtures.Text(name);
        var parsed = Parse(name, text);

        Assert.NotNull(parsed);
        Assert.DoesNotContain("Unknown", parsed.GetType().Name, StringComparison.Ordinal);
    }

    private static object Parse(string name, string text)
    {
        if (name.StartsWith("slash_command.", StringComparison.Ordinal)) return Assert.IsType<SlashCommand>(Success(SlashCommandParser.Parse(text)));
        if (name.StartsWith("interactivity.", StringComparison.Ordinal)) return Success(InteractionParser.ParseForm(text));
        if (name.StartsWith("block_actions.", StringComparison.Ordinal)) return Assert.IsType<BlockActionsPayload>(Success(InteractionParser.ParseJson(text)));
        if (name.StartsWith("view_submission.", StringComparison.Ordinal)) return Assert.IsType<ViewSubmissionPayload>(Success(InteractionParser.ParseJson(text)));
        if (name.StartsWith("url_verification", StringComparison.Ordinal)) return Assert.IsType<UrlVerificationPayload>(Success(EventsApiParser.Parse(Encoding.UTF8.GetBytes(text))));
        if (name.StartsWith("event_callback.", StringComparison.Ordinal)) return Assert.IsType<EventCallbackPayload>(Success(EventsApiParser.Parse(Encoding.UTF8.GetBytes(text)))).Event;
        if (name.StartsWith("event.", StringComparison.Ordinal)) return Success(EventsApiParser.ParseEvent(text));
        if (name.StartsWith("web.", StringComparison.Ordinal)) return SlackWebApiParsing.Parse(name, text);
        throw new Xunit.Sdk.XunitException($"no parser is mapped for fixture {name}");
    }

    private static T Success<T>(SecBot.Chat.Inbound.ParseResult<T> result)
        where T : class
    {
        Assert.True(result.IsSuccess, result.Error);
        return result.Value;
    }
}
