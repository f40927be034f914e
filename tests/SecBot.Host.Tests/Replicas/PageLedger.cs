using System.Text.Json.Nodes;
using SecBot.Domain.Incidents;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Replicas;

/// <summary>
/// The pages the database recorded beside the DMs the fake Slack received, per incident and recipient: a page is
/// delivered once when its recipient's DM channel got exactly as many posts naming the incident as the incident has
/// pages for them that are sent as DMs. A first page to someone the incident had already paged (escalated into a level
/// they are also on) is recorded but not sent again (storm control: one page per incident; re-pages are sent).
/// </summary>
internal sealed class PageLedger
{
    private readonly Dictionary<(long Incident, string Channel), int> _expected;
    private readonly Dictionary<(long Incident, string Channel), List<RecordedCall>> _received;

    public PageLedger(IReadOnlyList<Incident> incidents, JsonNode policy, IReadOnlyList<RecordedCall> calls)
    {
        var slackIdOf = policy["SecBot"]!["Roster"]!["People"]!.AsArray()
            .ToDictionary(person => (string)person!["Id"]!, person => (string?)person!["SlackUserId"], StringComparer.Ordinal);
        _expected = incidents
            .SelectMany(incident => incident.Pages
                .Where((page, index) => page.Attempt > 1 || !incident.Pages.Take(index).Any(earlier => earlier.PersonId == page.PersonId))
                .Select(page => (incident.Number, Channel: FakeSlackServer.DirectChannelOf(slackIdOf[page.PersonId]!))))
            .GroupBy(key => key)
            .ToDictionary(group => group.Key, group => group.Count());
        _received = calls
            .Where(call => call.Method == "chat.postMessage" && call["channel"] is ['D', ..])
            .Select(call => (Call: call, Incident: ReplicaCluster.FirstIncidentNumber(call.Body)))
            .Where(post => post.Incident is not null)
            .GroupBy(post => (post.Incident!.Value, post.Call["channel"]!))
            .ToDictionary(group => group.Key, group => group.Select(post => post.Call).ToList());
    }

    public int PagesExpected => _expected.Values.Sum();

    /// <summary>Pages with fewer DMs than recorded pages, as "INC-n to D…: got g of e".</summary>
    public IReadOnlyList<string> Missing =>
        [.. _expected.Where(pair => Received(pair.Key).Count < pair.Value).Select(pair => Describe(pair.Key, pair.Value))];

    /// <summary>(incident, recipient) pairs with more DMs than recorded pages: how many pages, and the DMs.</summary>
    public IReadOnlyList<(string What, int Expected, IReadOnlyList<RecordedCall> Posts)> Extra =>
    [
        .. _received
            .Where(pair => pair.Value.Count > _expected.GetValueOrDefault(pair.Key))
            .Select(pair => (Describe(pair.Key, _expected.GetValueOrDefault(pair.Key)), _expected.GetValueOrDefault(pair.Key), (IReadOnlyList<RecordedCall>)pair.Value)),
    ];

    public bool Complete => Missing.Count == 0;

    private List<RecordedCall> Received((long, string) key) => _received.GetValueOrDefault(key) ?? [];

    private string Describe((long Incident, string Channel) key, int expected) =>
        $"{IncidentKey.Format(key.Incident)} to {key.Channel}: got {Received(key).Count} of {expected}";
}
