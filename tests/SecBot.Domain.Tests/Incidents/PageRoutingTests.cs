namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;

/// <summary>Storm control's rule for one page: sent, not repeated, or held for the digest.</summary>
public class PageRoutingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly PageStormLimit Limit = new(3, TimeSpan.FromMinutes(10));
    private static readonly PageStormState Quiet = new(0, null);

    [Fact]
    public void A_first_page_to_someone_the_incident_never_paged_is_sent()
    {
        var route = PageRouting.Route(new Page("maya", "L1", 1, Now, PageReason.OnCall), null, Limit, Quiet, Now);

        Assert.Equal(PageRouteKind.Send, route.Kind);
    }

    [Fact]
    public void A_first_page_at_a_new_level_to_someone_already_paged_on_the_incident_is_not_repeated()
    {
        var earlier = new Page("maya", "L1", 1, Now.AddMinutes(-20), PageReason.OnCall);
        var before = Incident(earlier);

        var route = PageRouting.Route(new Page("MAYA", "L2", 1, Now, PageReason.OnCall), before, Limit, Quiet, Now);

        Assert.Equal(PageRouteKind.AlreadyPaged, route.Kind);
        Assert.Equal(earlier, route.Earlier);
    }

    [Fact]
    public void A_re_page_after_an_ack_timeout_is_sent_it_is_how_an_unacknowledged_page_is_chased()
    {
        var before = Incident(new Page("maya", "L1", 1, Now.AddMinutes(-10), PageReason.OnCall));

        var route = PageRouting.Route(new Page("maya", "L1", 2, Now, PageReason.OnCall), before, Limit, Quiet, Now);

        Assert.Equal(PageRouteKind.Send, route.Kind);
    }

    [Fact]
    public void Past_the_limit_within_the_window_a_page_is_held_and_starts_a_digest_due_when_the_oldest_counted_send_leaves_the_window()
    {
        var oldest = Now - Limit.Window + TimeSpan.FromSeconds(1);
        Assert.Equal(PageRouteKind.Send, PageRouting.Route(Fresh(), null, Limit, new PageStormState(2, null, oldest), Now).Kind);

        var route = PageRouting.Route(Fresh(), null, Limit, new PageStormState(3, null, oldest), Now);

        // One second from now, when a DM would be allowed again; not a full window after this page.
        Assert.Equal(new PageRoute(PageRouteKind.Held) { DigestAt = Now + TimeSpan.FromSeconds(1), StartsDigest = true }, route);
    }

    [Fact]
    public void While_a_digest_is_due_every_page_waits_for_it_even_once_the_window_has_room_so_none_overtakes_a_held_one()
    {
        var due = Now.AddMinutes(4);

        var route = PageRouting.Route(Fresh(), null, Limit, new PageStormState(0, due), Now);

        Assert.Equal(new PageRoute(PageRouteKind.Held) { DigestAt = due }, route);
    }

    private static Page Fresh() => new("olivia", "L3", 1, Now, PageReason.OnCall);

    private static Incident Incident(params Page[] pages) => new()
    {
        Number = 1, Title = "t", Type = "general", Level = "L1", State = IncidentState.Open, DeclaredBy = "sam", DeclaredAt = Now.AddHours(-1), Pages = pages,
    };
}
