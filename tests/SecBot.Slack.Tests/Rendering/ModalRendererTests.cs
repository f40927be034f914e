using SecBot.Chat.Cards;
using SecBot.Slack.BlockKit;
using SecBot.Slack.Payloads;
using SecBot.Slack.Rendering;

namespace SecBot.Slack.Tests.Rendering;

public sealed class ModalRendererTests
{
    private static readonly CardInput Title = new("title", "Title", CardInputKind.Text, Required: true) { Placeholder = "What is happening?", MaxLength = 200 };
    private static readonly CardInput Level = new("level", "Level (L1, L2)", CardInputKind.Text, Required: false);
    private static readonly ModalMetadata Metadata = new("test-signing-secret");
    private static readonly CardInput Checklist = new("checklist", "Attest", CardInputKind.Checkboxes, Required: true) { Options = ["Tests pass", "Rollback planned", new string('r', 200)] };

    [Fact]
    public void A_form_becomes_a_modal_with_one_input_block_per_input_keyed_by_its_id()
    {
        var view = ModalRenderer.Render("Declare an incident", null, new ModalState(ModalState.FormKind, "declare") { Inputs = [Title, Level] }, Metadata);

        Assert.Equal("modal", view.Type);
        Assert.Equal(ModalRenderer.CallbackId, view.CallbackId);
        Assert.Equal("Declare", view.Submit!.Text);
        var inputs = view.Blocks.Cast<InputBlock>().ToList();
        Assert.Equal(["title", "level"], inputs.Select(i => i.BlockId));
        Assert.Equal(["title", "level"], inputs.Select(i => i.Element.ActionId));
        Assert.False(inputs[0].Optional);
        Assert.True(inputs[1].Optional);
        Assert.Equal(200, ((PlainTextInputElement)inputs[0].Element).MaxLength);
        BlockKitLimitCheck.View(view);
    }

    [Fact]
    public void The_modal_state_round_trips_through_private_metadata()
    {
        var state = new ModalState(ModalState.ButtonKind, ActionIds.Resolve) { Value = "INC-3", Channel = "D1", MessageTs = "1.2", Inputs = [Title] };

        var view = ModalRenderer.Render("Resolve INC-3", "Resolve *INC-3*", state, Metadata);
        Assert.Equal("Resolve", view.Submit!.Text);

        var back = Metadata.Open(view.PrivateMetadata);
        Assert.Equal(state.Value, back!.Value);
        Assert.Equal(state.MessageTs, back.MessageTs);
        Assert.Equal("title", Assert.Single(back.Inputs).Id);
        Assert.Null(Metadata.Open("https://hooks.slack.com/commands/T123/1/x"));
    }

    [Fact]
    public void Private_metadata_is_believed_only_with_secbots_signature()
    {
        var state = new ModalState(ModalState.ButtonKind, ActionIds.Resolve) { Value = "INC-3", Channel = "C1", MessageTs = "1.2" };
        var sealedState = Metadata.Seal(state);
        var json = sealedState[(sealedState.IndexOf('.', 3) + 1)..];

        Assert.StartsWith("v1.", sealedState, StringComparison.Ordinal);
        Assert.Equal("C1", Metadata.Open(sealedState)!.Channel);
        Assert.Null(Metadata.Open(json));
        Assert.Null(Metadata.Open(sealedState.Replace("\"C1\"", "\"C2\"", StringComparison.Ordinal)));
        Assert.Null(Metadata.Open(sealedState[..^1]));
        Assert.Null(Metadata.Open(new ModalMetadata("another-signing-secret").Seal(state)));
        Assert.Null(Metadata.Open(sealedState.Replace("v1.", "v2.", StringComparison.Ordinal)));
        Assert.Null(Metadata.Open(""));
        Assert.Null(Metadata.Open(null));
    }

    [Fact]
    public void Long_titles_labels_and_options_are_cut_to_slacks_view_limits()
    {
        var huge = new CardInput("x", new string('L', 5000), CardInputKind.Text, Required: false) { Placeholder = new string('p', 500), MaxLength = 100_000 };
        var many = Enumerable.Range(0, 150).Select(i => Title with { Id = $"in{i}" }).ToList();

        var view = ModalRenderer.Render(new string('T', 100), null, new ModalState(ModalState.FormKind, "f") { Inputs = [huge, Checklist, .. many] }, Metadata);

        BlockKitLimitCheck.View(view);
        Assert.Equal(24, view.Title!.Text.Length);
        Assert.True(view.PrivateMetadata!.Length <= 3000);
        Assert.Equal("f", Metadata.Open(view.PrivateMetadata)!.Name);
        Assert.Equal(3000, ((PlainTextInputElement)((InputBlock)view.Blocks[0]).Element).MaxLength);
    }

    [Fact]
    public void A_submission_reads_values_by_input_id_and_maps_checkbox_indexes_back_to_text()
    {
        var state = new ModalState(ModalState.FormKind, "f") { Inputs = [Title, Checklist] };
        var view = new SlackView
        {
            State = new ViewState
            {
                Values = new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>
                {
                    ["title"] = new Dictionary<string, ViewStateValue> { ["title"] = new() { Type = "plain_text_input", Value = "Phish" } },
                    ["checklist"] = new Dictionary<string, ViewStateValue> { ["checklist"] = new() { Type = "checkboxes", SelectedOptions = [new() { Value = "0" }, new() { Value = "2" }] } },
                },
            },
        };

        var submission = ModalSubmission.Read(state, view);

        Assert.Empty(submission.Errors);
        Assert.Equal("Phish", submission.Values["title"]);
        Assert.Equal("Tests pass\n" + new string('r', 200), submission.Values["checklist"]);
    }

    [Fact]
    public void A_blank_required_input_is_an_error_on_its_block()
    {
        var state = new ModalState(ModalState.FormKind, "f") { Inputs = [Title, Level] };
        var view = new SlackView
        {
            State = new ViewState
            {
                Values = new Dictionary<string, IReadOnlyDictionary<string, ViewStateValue>>
                {
                    ["title"] = new Dictionary<string, ViewStateValue> { ["title"] = new() { Value = "   " } },
                },
            },
        };

        var submission = ModalSubmission.Read(state, view);

        Assert.Equal("title", Assert.Single(submission.Errors).Key);
    }

    [Fact]
    public void The_home_tab_is_a_valid_home_view_even_with_long_text()
    {
        var view = HomeTabRenderer.Render(new string('s', 9000), "help <title>");

        Assert.Equal("home", view.Type);
        Assert.All(view.Blocks.OfType<SectionBlock>(), s => Assert.DoesNotContain('<', s.Text!.Text));
        BlockKitLimitCheck.View(view);
    }
}
