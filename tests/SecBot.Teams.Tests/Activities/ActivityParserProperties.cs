using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecBot.Chat.Inbound;
using SecBot.Teams.Activities;
using SecBot.Teams.Cards;
using SecBot.Teams.Tests.Support;
using SecBot.Testing.Fuzz;
using SecBot.Testing.Properties;

namespace SecBot.Teams.Tests.Activities;

/// <summary>
/// The activity parser and what reads an accepted activity further (its mentions, its conversation, a card action's data)
/// over the real inbound captures spoiled one way at a time (<see cref="JsonMutator"/>) and over arbitrary bytes: nothing
/// throws; what is accepted has a type; a capture with a member of the wrong kind, or without its type, is refused, not half
/// read; and a capture written another way that means the same is read the same.
/// </summary>
public sealed class ActivityParserProperties
{
    [Property(MaxTest = 4_000)]
    public Property Any_body_is_parsed_or_refused_and_an_accepted_one_can_be_read_through() =>
        Prop.ForAll(MutatedGen.JsonOrNoise(TeamsSeeds.Activities), body =>
        {
            var parsed = ActivityParser.Parse(body);
            if (!parsed.IsSuccess) return !string.IsNullOrWhiteSpace(parsed.Error);
            ReadThrough(parsed.Value);
            return !string.IsNullOrWhiteSpace(parsed.Value.Type);
        });

    [Property(MaxTest = 500)]
    public Property A_missing_type_or_a_member_of_the_wrong_kind_is_refused() =>
        Prop.ForAll(Gen.Elements(BrokenFields().ToArray()).ToArbitrary(), broken => !ActivityParser.Parse(broken.Body).IsSuccess);

    [Property(MaxTest = 300)]
    public Property A_capture_written_another_way_is_read_the_same() =>
        Prop.ForAll(MutatedGen.Rewritten(TeamsSeeds.Activities).ToArbitrary(), pair => Written(pair.Original) == Written(pair.Rewritten));

    [Fact]
    public void Every_capture_round_trips_through_the_parser()
    {
        foreach (var capture in TeamsSeeds.Activities)
        {
            var written = Written(capture);

            Assert.Equal(written, Written(Encoding.UTF8.GetBytes(written)));
        }
    }

    [Fact]
    public void The_card_seeds_are_read_as_secbot_button_presses()
    {
        foreach (var seed in TeamsSeeds.Activities.TakeLast(2))
        {
            var read = TeamsActionReader.Read(ActivityParser.Parse(seed).Value!);
            Assert.True(read.IsSuccess, read.Error);
            var press = Assert.IsType<CardButtonPress>(read.Value);
            Assert.Equal(("approve", "looks fine", "reviewed"), (press.Button.ActionId, press.Button.Inputs["reason"], press.Button.Inputs["checks"]));
        }
    }

    [Fact]
    public void The_broken_field_table_reaches_every_capture()
    {
        var broken = BrokenFields().ToList();

        Assert.All(TeamsSeeds.ActivityNames, name => Assert.Contains(broken, b => b.Fixture == name && b.Path[0] == "type"));
    }

    // Everything SecBot reads from an accepted activity, the way the endpoint reads it.
    private static void ReadThrough(Activity activity)
    {
        _ = ActivityMentions.CommandText(activity);
        _ = ActivityMentions.OthersIn(activity);
        _ = (activity.Conversation?.IsPersonal, activity.Conversation?.ChannelId, activity.Conversation?.ThreadRootId, activity.From?.TeamsUserId);
        _ = (activity.MembersAdded ?? []).Concat(activity.MembersRemoved ?? []).Select(m => m.TeamsUserId).ToList();
        _ = (activity.Entities ?? []).Select(e => e.Type).Concat((activity.Attachments ?? []).Select(a => a.ContentType)).ToList();
        if (TeamsActionReader.IsCardAction(activity) && TeamsActionReader.Read(activity) is { IsSuccess: false, Error: var error } && string.IsNullOrWhiteSpace(error))
        {
            throw new InvalidOperationException("a card action refused without a reason");
        }
    }

    private static IEnumerable<BrokenField> BrokenFields()
    {
        FieldBreak[] notText = [FieldBreak.Number, FieldBreak.Array, FieldBreak.Object];
        FieldBreak[] notObject = [FieldBreak.Number, FieldBreak.Array, FieldBreak.Text];
        foreach (var (name, body) in TeamsSeeds.ActivityNames.Zip(TeamsSeeds.Activities))
        {
            foreach (var b in BrokenField.Of(name, body, ["type"], [FieldBreak.Removed, FieldBreak.Null, FieldBreak.Blank, .. notText])) yield return b;
            foreach (var member in new[] { "text", "id", "serviceUrl", "channelId", "name", "replyToId" })
            {
                foreach (var b in BrokenField.Of(name, body, [member], notText)) yield return b;
            }

            foreach (var member in new[] { "from", "recipient", "conversation", "channelData" })
            {
                foreach (var b in BrokenField.Of(name, body, [member], notObject)) yield return b;
                foreach (var b in BrokenField.Of(name, body, [member, "id"], notText)) yield return b;
            }

            foreach (var member in new[] { "entities", "membersAdded", "attachments" })
            {
                foreach (var b in BrokenField.Of(name, body, [member], [FieldBreak.Number, FieldBreak.Object, FieldBreak.Text])) yield return b;
            }

            foreach (var b in BrokenField.Of(name, body, ["timestamp"], [FieldBreak.Text, FieldBreak.Number, FieldBreak.Object])) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["conversation", "id"], [FieldBreak.Blank])) yield return b;
            foreach (var b in BrokenField.Of(name, body, ["from", "id"], [FieldBreak.Blank])) yield return b;
        }
    }

    private static string Written(byte[] json)
    {
        var parsed = ActivityParser.Parse(json);
        Assert.True(parsed.IsSuccess, parsed.Error);
        return Sorted(JsonNode.Parse(JsonSerializer.Serialize(parsed.Value, TeamsActivityJsonContext.Default.Activity)))!.ToJsonString();
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, Sorted(m.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(e => Sorted(e?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
