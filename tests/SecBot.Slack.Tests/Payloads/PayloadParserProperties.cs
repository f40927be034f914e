using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecBot.Chat.Inbound;
using SecBot.Slack.Payloads;
using SecBot.Slack.Payloads.Commands;
using SecBot.Slack.Payloads.Events;
using SecBot.Slack.Payloads.Interactivity;
using SecBot.Slack.Tests.Support;
using SecBot.Testing.Fuzz;
using SecBot.Testing.Properties;

namespace SecBot.Slack.Tests.Payloads;

/// <summary>
/// Every Slack payload parser over the real captures spoiled one way at a time (<see cref="JsonMutator"/>,
/// <see cref="FormMutator"/>) and over arbitrary bytes: it never throws; what it accepts carries every member its record
/// requires; a capture with a field it needs broken is refused, not half read; and a capture written another way that
/// means the same is read the same.
/// </summary>
public sealed class PayloadParserProperties
{
    [Property(MaxTest = 3_000)]
    public Property Events_bodies_never_throw_and_what_is_accepted_is_readable() =>
        Prop.ForAll(MutatedGen.JsonOrNoise(SlackSeeds.Events), body =>
        {
            return Readable(EventsApiParser.Parse(body)) && Readable(EventsApiParser.Parse(Encoding.UTF8.GetString(body)));
        });

    [Property(MaxTest = 3_000)]
    public Property Interactivity_forms_never_throw_and_what_is_accepted_is_readable() =>
        Prop.ForAll(MutatedGen.FormOrNoise(SlackSeeds.InteractionForms), body => Readable(InteractionParser.ParseForm(Encoding.UTF8.GetString(body))));

    [Property(MaxTest = 3_000)]
    public Property Interactivity_json_never_throws_and_what_is_accepted_is_readable() =>
        Prop.ForAll(MutatedGen.JsonOrNoise(SlackSeeds.InteractionJson), body => Readable(InteractionParser.ParseJson(Encoding.UTF8.GetString(body))));

    [Property(MaxTest = 2_000)]
    public bool Any_text_at_all_is_parsed_or_refused_by_every_parser(string? text)
    {
        text ??= "";
        return Readable(EventsApiParser.Parse(text)) && Readable(InteractionParser.ParseJson(text)) && Readable(InteractionParser.ParseForm(text))
            && Readable(SlashCommandParser.Parse(text));
    }

    [Property(MaxTest = 3_000)]
    public Property Slash_command_forms_never_throw_and_what_is_accepted_has_every_required_field() =>
        Prop.ForAll(MutatedGen.FormOrNoise(SlackSeeds.SlashCommandForms), body => Readable(SlashCommandParser.Parse(Encoding.UTF8.GetString(body))));

    [Property(MaxTest = 500)]
    public Property A_broken_required_field_is_refused_not_half_read() =>
        Prop.ForAll(Gen.Elements(BrokenFields().ToArray()).ToArbitrary(), broken =>
            !(broken.Fixture.StartsWith("event", StringComparison.Ordinal) || broken.Fixture.StartsWith("url_", StringComparison.Ordinal)
                ? EventsApiParser.Parse(broken.Body).IsSuccess
                : InteractionParser.ParseForm(Encoding.UTF8.GetString(SlackSeeds.AsPayloadForm(broken.Body))).IsSuccess));

    [Property(MaxTest = 300)]
    public Property A_slash_command_without_a_field_it_needs_is_refused() =>
        Prop.ForAll(
            (from form in Gen.Elements(SlackSeeds.SlashCommandForms.ToArray())
             from field in Gen.Elements("command", "user_id", "channel_id", "trigger_id")
             from blank in Gen.Elements<string?>(null, "", "+", "%09", "%20%0A")
             select (form, field, blank)).ToArbitrary(),
            c =>
            {
                var pairs = Encoding.UTF8.GetString(c.form).Split('&').Select(p => p.StartsWith(c.field + "=", StringComparison.Ordinal) ? (c.blank is null ? null : c.field + "=" + c.blank) : p);
                return !SlashCommandParser.Parse(string.Join('&', pairs.OfType<string>())).IsSuccess;
            });

    [Property(MaxTest = 300)]
    public Property A_capture_written_another_way_is_read_the_same() =>
        Prop.ForAll(MutatedGen.Rewritten([.. SlackSeeds.Events, .. SlackSeeds.InteractionJson]).ToArbitrary(), pair =>
            Written(pair.Original) == Written(pair.Rewritten));

    [Fact]
    public void Every_capture_round_trips_through_its_parser()
    {
        foreach (var capture in SlackSeeds.Events.Concat(SlackSeeds.InteractionJson))
        {
            var written = Written(capture);

            Assert.NotNull(written);
            Assert.Equal(written, Written(Encoding.UTF8.GetBytes(written)));
        }

        foreach (var form in SlackSeeds.SlashCommandForms)
        {
            var command = Assert.IsType<SlashCommand>(SlashCommandParser.Parse(Encoding.UTF8.GetString(form)).Value);
            Assert.Equal(command, SlashCommandParser.Parse(AsForm(command)).Value);
        }
    }

    [Fact]
    public void The_broken_field_table_reaches_every_capture()
    {
        var broken = BrokenFields().ToList();

        Assert.All(SlackSeeds.EventNames.Concat(SlackSeeds.InteractionNames), name => Assert.Contains(broken, b => b.Fixture == name));
    }

    // What each kind of payload cannot be read without, as its record declares it required.
    private static IEnumerable<BrokenField> BrokenFields()
    {
        FieldBreak[] gone = [FieldBreak.Removed, FieldBreak.Null, FieldBreak.Number, FieldBreak.Array];
        foreach (var (name, body) in SlackSeeds.EventNames.Zip(SlackSeeds.Events))
        {
            foreach (var b in BrokenField.Of(name, body, ["type"], gone)) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["event_id"], [.. gone, FieldBreak.Blank, FieldBreak.Object])) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["event"], [.. gone, FieldBreak.Text])) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["challenge"], gone)) yield return b;
        }

        foreach (var (name, body) in SlackSeeds.InteractionNames.Zip(SlackSeeds.InteractionJson))
        {
            foreach (var b in BrokenField.Of(name, body, ["type"], gone)) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["user"], [.. gone, FieldBreak.Text])) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["user", "id"], [.. gone, FieldBreak.Object])) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["actions"], [FieldBreak.Removed, FieldBreak.Null, FieldBreak.Number, FieldBreak.Object])) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["actions", "0", "action_id"], gone)) yield return b;
            if (name.StartsWith("view_submission.", StringComparison.Ordinal))
            {
                foreach (var b in BrokenField.Of(name, body, ["view"], [.. gone, FieldBreak.Text])) yield return b;
            }
        }
    }

    private static bool Readable(ParseResult<EventsApiPayload> parsed) => Holds(parsed, parsed.IsSuccess ? parsed.Value switch
    {
        EventCallbackPayload c => string.IsNullOrWhiteSpace(c.EventId) ? "blank event_id" : c.Event?.Type is null ? "no event" : null,
        UrlVerificationPayload v => v.Challenge is null ? "no challenge" : null,
        { } other => other.Type is null ? "no type" : null,
        _ => "null payload",
    } : null);

    private static bool Readable(ParseResult<InteractionPayload> parsed) => Holds(parsed, parsed.IsSuccess ? parsed.Value switch
    {
        BlockActionsPayload a => a.User?.Id is null ? "no user.id" : a.Actions is null ? "no actions" : a.Actions.Any(x => x is { ActionId: null }) ? "an action without action_id" : null,
        ViewSubmissionPayload s => s.User?.Id is null ? "no user.id" : s.View is null ? "no view" : s.ResponseUrls is null ? "null response_urls" : s.View.State is { Values: null } ? "null state.values" : null,
        { } other => other.Type is null ? "no type" : null,
        _ => "null payload",
    } : null);

    private static bool Readable(ParseResult<SlashCommandPayload> parsed) => Holds(parsed, parsed.IsSuccess ? parsed.Value switch
    {
        SlashCommand c => new[] { c.Command, c.UserId, c.ChannelId, c.TriggerId }.Any(string.IsNullOrWhiteSpace) || c.Text is null ? "a required field is blank" : null,
        SlashCommandSslCheck => null,
        _ => "null payload",
    } : null);

    // Accepted with every required member, or refused saying why; anything else fails the property naming what was wrong.
    private static bool Holds<T>(ParseResult<T> parsed, string? problem)
        where T : class
    {
        if (!parsed.IsSuccess && string.IsNullOrWhiteSpace(parsed.Error)) throw new InvalidOperationException("refused without a reason");
        if (problem is not null) throw new InvalidOperationException($"accepted {parsed.Value?.GetType().Name} with {problem}");
        return true;
    }

    // The parse as the parser's own JSON contract writes it back; null when the capture is refused.
    private static string? Written(byte[] json)
    {
        object? value = EventsApiParser.Parse(json) is { IsSuccess: true } e && e.Value is not UnknownEventsApiPayload
            ? e.Value
            : InteractionParser.ParseJson(Encoding.UTF8.GetString(json)) is { IsSuccess: true } i ? i.Value : null;
        if (value is null) return null;
        var node = JsonNode.Parse(JsonSerializer.Serialize(value, value.GetType(), SlackInboundJsonContext.Default))!;
        return Sorted(node)!.ToJsonString();
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, Sorted(m.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(e => Sorted(e?.DeepClone()))]),
        _ => node?.DeepClone(),
    };

    private static string AsForm(SlashCommand c) => string.Join('&', new (string, string?)[]
    {
        ("command", c.Command), ("text", c.Text), ("user_id", c.UserId), ("channel_id", c.ChannelId), ("user_name", c.UserName),
        ("channel_name", c.ChannelName), ("team_id", c.TeamId), ("team_domain", c.TeamDomain), ("enterprise_id", c.EnterpriseId),
        ("enterprise_name", c.EnterpriseName), ("api_app_id", c.ApiAppId), ("is_enterprise_install", c.IsEnterpriseInstall ? "true" : null),
        ("response_url", c.ResponseUrl), ("trigger_id", c.TriggerId),
    }.Where(f => f.Item2 is not null).Select(f => $"{f.Item1}={Uri.EscapeDataString(f.Item2!)}"));
}
