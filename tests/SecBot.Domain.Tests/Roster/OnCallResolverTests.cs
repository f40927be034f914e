namespace SecBot.Domain.Tests.Roster;

using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using static SecBot.Domain.Tests.Roster.Rotations;

public class OnCallResolverTests
{
    private static readonly PageTarget L1 = new(PageTargetKind.Rotation, "l1");

    // Week 10 of l1 (maya, sam, maya, …): maya is on call from Monday 16 March 09:00 to Monday 23 March 09:00 (GMT).
    private static readonly DateTimeOffset Wednesday = Utc(2026, 3, 18, 12);

    private static PageTarget Role(string id) => new(PageTargetKind.Role, id);

    private static OnCallResolver Resolver(params OnCallOverride[] overrides) => new(SeedRoster.Build(), overrides);

    private static OnCallOverride Cover(string target, string personId, DateTimeOffset from, DateTimeOffset to, long id = 1) =>
        new(id, target, personId, from, to, CreatedBy: "dana", CreatedAt: from.AddDays(-1));

    private static string[] Ids(OnCallResult result) => [.. result.People.Select(p => p.Id)];

    [Fact]
    public void A_rotation_pages_its_on_call_member_until_the_end_of_the_shift()
    {
        var result = Resolver().Resolve(L1, Wednesday);

        Assert.Equal(["maya"], Ids(result));
        Assert.Equal(OnCallSource.Rotation, result.Source);
        Assert.Equal(Utc(2026, 3, 23, 9), result.Until);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void A_role_with_a_rotation_is_paged_through_the_rotation()
    {
        var result = Resolver().Resolve(Role("SocEngineer"), Wednesday);

        Assert.Equal(["maya"], Ids(result));
        Assert.Equal(OnCallSource.Rotation, result.Source);
        Assert.Equal(Role("SocEngineer"), result.Target);
    }

    [Fact]
    public void An_override_wins_over_the_rotation_and_ends_at_its_to()
    {
        var resolver = Resolver(Cover("rotation:l1", "sam", Utc(2026, 3, 18, 8), Utc(2026, 3, 19, 8)));

        var covered = resolver.Resolve(L1, Wednesday);
        var afterwards = resolver.Resolve(L1, Utc(2026, 3, 19, 8));

        Assert.Equal(["sam"], Ids(covered));
        Assert.Equal(OnCallSource.Override, covered.Source);
        Assert.Equal(Utc(2026, 3, 19, 8), covered.Until);
        Assert.Equal(["maya"], Ids(afterwards));
        Assert.Equal(OnCallSource.Rotation, afterwards.Source);
    }

    [Fact]
    public void The_rotation_answer_holds_only_until_an_upcoming_override_begins()
    {
        var resolver = Resolver(Cover("rotation:l1", "sam", Utc(2026, 3, 20, 18), Utc(2026, 3, 21, 8)));

        var result = resolver.Resolve(L1, Wednesday);

        Assert.Equal(["maya"], Ids(result));
        Assert.Equal(Utc(2026, 3, 20, 18), result.Until);
    }

    [Fact]
    public void An_override_of_the_rotation_role_wins_over_the_rotation()
    {
        var resolver = Resolver(Cover("role:SocEngineer", "priya", Utc(2026, 3, 18, 0), Utc(2026, 3, 18, 18)));

        Assert.Equal(["priya"], Ids(resolver.Resolve(L1, Wednesday)));
        Assert.Equal(["priya"], Ids(resolver.Resolve(Role("SocEngineer"), Wednesday)));
    }

    [Fact]
    public void A_role_override_wins_over_the_role_holders()
    {
        var resolver = Resolver(Cover("role:SecurityArchitect", "alex", Utc(2026, 3, 18, 0), Utc(2026, 3, 25, 0)));

        var result = resolver.Resolve(Role("SecurityArchitect"), Wednesday);

        Assert.Equal(["alex"], Ids(result));
        Assert.Equal(OnCallSource.Override, result.Source);
        Assert.Equal(Utc(2026, 3, 25, 0), result.Until);
    }

    [Fact]
    public void A_role_without_a_rotation_pages_everyone_holding_it_then()
    {
        var options = SeedRoster.Options();
        options.People.Single(p => p.Id == "jo").Roles.Add("SecurityArchitect");
        var resolver = new OnCallResolver(Roster.From(options), []);

        var result = resolver.Resolve(Role("SecurityArchitect"), Wednesday);

        Assert.Equal(["rio", "jo"], Ids(result));
        Assert.Equal(OnCallSource.RoleHolders, result.Source);
        Assert.Equal(["kai", "jo"], Ids(resolver.Resolve(Role("SecurityArchitect"), Utc(2026, 2, 20, 12))));
    }

    [Fact]
    public void Overrides_of_other_targets_or_outside_their_window_are_ignored()
    {
        var resolver = Resolver(
            Cover("rotation:l2", "priya", Utc(2026, 3, 18, 0), Utc(2026, 3, 19, 0), id: 1),
            Cover("role:SeniorSocEngineer", "priya", Utc(2026, 3, 18, 0), Utc(2026, 3, 19, 0), id: 2),
            Cover("rotation:l1", "priya", Utc(2026, 3, 17, 0), Wednesday, id: 3));

        Assert.Equal(["maya"], Ids(resolver.Resolve(L1, Wednesday)));
    }

    [Fact]
    public void Nobody_holding_a_role_pages_the_team_manager_and_says_why()
    {
        var options = SeedRoster.Options();
        options.People.RemoveAll(p => p.Id == "kai");
        var resolver = new OnCallResolver(Roster.From(options), []);

        var result = resolver.Resolve(Role("CloudSecurityEngineer"), Wednesday);

        Assert.Equal(["dana"], Ids(result));
        Assert.Equal(OnCallSource.ManagerFallback, result.Source);
        Assert.StartsWith("nobody is on call for CloudSecurityEngineer", result.Reason, StringComparison.Ordinal);
        Assert.EndsWith("paging the Security Operations manager", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Why_nobody_was_on_call_names_roles_and_teams_as_people_know_them()
    {
        var options = SeedRoster.Options();
        options.People.RemoveAll(p => p.Id is "kai" or "dana");
        options.Roles.Single(r => r.Id == "CloudSecurityEngineer").Name = "Cloud Security Engineer";
        options.Roles.Single(r => r.Id == "SecOpsManager").Name = "Security Operations Manager";
        var resolver = new OnCallResolver(Roster.From(options), []);

        var result = resolver.Resolve(Role("CloudSecurityEngineer"), Wednesday);

        Assert.Equal(
            "nobody is on call for Cloud Security Engineer (nobody holds the role); nobody holds Security Operations Manager to page instead",
            result.Reason);
    }

    [Fact]
    public void Before_the_rotation_starts_its_role_falls_back_to_the_manager_until_the_first_shift()
    {
        var result = Resolver().Resolve(Role("SocEngineer"), Utc(2026, 1, 1, 12));

        Assert.Equal(["dana"], Ids(result));
        Assert.Equal(OnCallSource.ManagerFallback, result.Source);
        Assert.Equal(Utc(2026, 1, 5, 9), result.Until);
        Assert.Equal("nobody is on call for SocEngineer (rotation l1 starts Mon 5 Jan 09:00 Europe/London); paging the Security Operations manager", result.Reason);
    }

    [Fact]
    public void A_rotation_without_a_role_falls_back_to_the_manager_of_its_first_members_team()
    {
        var options = SeedRoster.Options();
        options.Rotations.Add(new() { Id = "red", Members = ["alex", "jo"], Start = new DateTime(2027, 1, 4, 9, 0, 0), TimeZone = "Europe/London" });
        var resolver = new OnCallResolver(Roster.From(options), []);

        var result = resolver.Resolve(new PageTarget(PageTargetKind.Rotation, "red"), Wednesday);

        Assert.Equal(["lee"], Ids(result));
        Assert.EndsWith("paging the Security Engineering manager", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_of_the_manager_role_is_paged_in_the_managers_place()
    {
        var resolver = Resolver(Cover("role:SecOpsManager", "priya", Utc(2026, 1, 1, 0), Utc(2026, 1, 2, 0)));

        var result = resolver.Resolve(Role("SocEngineer"), Utc(2026, 1, 1, 12));

        Assert.Equal(["priya"], Ids(result));
        Assert.Equal(OnCallSource.ManagerFallback, result.Source);
    }

    [Fact]
    public void With_no_manager_to_fall_back_on_the_result_is_empty_and_says_why()
    {
        var options = SeedRoster.Options();
        options.People.RemoveAll(p => p.Id is "kai" or "dana");
        var resolver = new OnCallResolver(Roster.From(options), []);

        var result = resolver.Resolve(Role("CloudSecurityEngineer"), Wednesday);

        Assert.True(result.IsEmpty);
        Assert.Equal(OnCallSource.Nobody, result.Source);
        Assert.Contains("nobody is on call for CloudSecurityEngineer", result.Reason, StringComparison.Ordinal);
        Assert.Contains("SecOpsManager", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_outside_the_org_with_nobody_holding_it_has_no_manager_to_page()
    {
        var options = SeedRoster.Options();
        options.People.RemoveAll(p => p.Id == "ciso");
        var resolver = new OnCallResolver(Roster.From(options), []);

        var result = resolver.Resolve(Role("Executive"), Wednesday);

        Assert.Equal(OnCallSource.Nobody, result.Source);
        Assert.Contains("no team manager", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Who_is_on_call_lists_each_rotation_and_each_held_role_without_one()
    {
        var resolver = Resolver(Cover("role:SecurityArchitect", "alex", Utc(2026, 3, 18, 0), Utc(2026, 3, 25, 0)));

        var overview = resolver.WhoIsOnCall(Wednesday);

        Assert.Equal(L1, overview[0].Target);
        Assert.Equal(["maya"], Ids(overview[0]));
        Assert.DoesNotContain(overview, entry => entry.Target == Role("SocEngineer"));
        Assert.DoesNotContain(overview, entry => entry.Target == Role("IncidentResponseLead") && entry.IsEmpty);
        var architect = Assert.Single(overview, entry => entry.Target == Role("SecurityArchitect"));
        Assert.Equal(["alex"], Ids(architect));
        Assert.Equal(Utc(2026, 3, 25, 0), architect.Until);
        Assert.Equal(["maya"], Ids(Assert.Single(overview, entry => entry.Target == Role("SeniorSocEngineer"))));
    }
}
