using System.Net;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// <c>declare</c> typed alone in a Teams 1:1 chat answers a card form; submitting it through <c>adaptiveCard/action</c>
/// declares the incident from its inputs, and a submission without the title is refused and declares nothing.
/// </summary>
public sealed class TeamsDeclareFormTests
{
    [Fact]
    public async Task Declare_alone_answers_a_card_form_and_submitting_it_declares_the_incident_from_its_inputs()
    {
        await using var teams = await TeamsHost.StartAsync();
        await teams.InstallEveryoneAsync();
        var declarer = teams.PeopleOnTeams[0];

        var form = await teams.AskAsync(declarer, "declare");

        var (submit, inputs) = FormOf(form);
        Assert.Equal("form", (string?)submit["data"]!["secbot"]);
        Assert.Equal("declare", (string?)submit["data"]!["form"]);
        Assert.All(inputs.Values, i => Assert.Equal("Input.Text", (string?)i["type"]));
        Assert.True((bool?)inputs["title"]["isRequired"]);
        Assert.Empty(await teams.IncidentsAsync());

        using var submitted = await teams.PostAsync(teams.Invoke(declarer, form.ConversationId!, form.AnsweredId!, submit, new Dictionary<string, string>
        {
            [(string)inputs["title"]["id"]!] = "Exfiltration from the build server",
            [(string)inputs["level"]["id"]!] = "L2",
            [(string)inputs["type"]["id"]!] = "general",
        }));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("INC-1", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var incident = Assert.Single((await teams.IncidentsAsync()).Select(i => (i.Title, i.Level, i.Type, i.DeclaredBy)));
        Assert.Equal(("Exfiltration from the build server", "L2", "general", declarer.Id), incident);
        var paged = await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L2");
        Assert.NotEmpty(paged);
        foreach (var person in paged)
        {
            await teams.Connector.WaitForAsync(
                FakeBotConnector.Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(person) && c.Body.Contains("incident.ack", StringComparison.Ordinal));
        }

        await teams.Connector.WaitForAsync(
            FakeBotConnector.Operation.Send, c => c.ConversationId == TeamsHost.IncidentsChannel && c.Body.Contains("Exfiltration from the build server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_declare_form_submitted_without_its_title_is_answered_with_the_problem_and_declares_nothing()
    {
        await using var teams = await TeamsHost.StartAsync();
        var declarer = teams.PeopleOnTeams[0];
        var form = await teams.AskAsync(declarer, "declare");
        var (submit, inputs) = FormOf(form);

        using var submitted = await teams.PostAsync(teams.Invoke(declarer, form.ConversationId!, form.AnsweredId!, submit, new Dictionary<string, string>
        {
            [(string)inputs["title"]["id"]!] = "  ",
            [(string)inputs["level"]["id"]!] = "L2",
        }));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var answer = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        Assert.Contains("title", (string?)answer["value"], StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await teams.IncidentsAsync());
        Assert.Empty((await teams.IncidentsAsync()).SelectMany(i => i.Pages));
    }

    /// <summary>The form card's submit and its inputs by their name in the form (the id without the form's namespace).</summary>
    private static (JsonObject Submit, IReadOnlyDictionary<string, JsonObject> Inputs) FormOf(FakeBotConnector.Call form)
    {
        var submit = Assert.Single(TeamsCardJson.Actions(TeamsCardJson.CardOf(form)));
        var ns = (string)submit["data"]!["ns"]!;
        var inputs = TeamsCardJson.Inputs(TeamsCardJson.CardOf(form)).ToDictionary(i => ((string)i["id"]!)[(ns.Length + 1)..]);
        return (submit, inputs);
    }
}
