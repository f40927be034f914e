namespace SecBot.Domain.Tests.Roster;

using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using static SecBot.Domain.Tests.Roster.Rotations;

/// <summary>
/// Who may put whom on call (<c>cover</c>) and take a cover back, over the seed roster: SecOps is managed by
/// SecOpsManager (dana), SecEng by SecEngManager (lee), Leadership has no manager, Executive is outside every team.
/// </summary>
public class CoverRulesTests
{
    private static readonly DateTimeOffset Now = Utc(2026, 2, 20, 12);
    private static readonly Roster Roster = SeedRoster.Build();

    private static string? Refusal(string role, string person, string requestedBy, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        CoverRules.Refusal(Roster, new CoverRequest(role, person, from ?? Now.AddHours(1), to ?? Now.AddHours(9), requestedBy), Now);

    [Theory]
    [InlineData("SocEngineer", "sam")]
    [InlineData("SecOpsManager", "dana")]
    [InlineData("Executive", "lee")]
    public void A_person_may_cover_a_role_they_hold_or_as_its_managers_one(string role, string person) =>
        Assert.Null(Refusal(role, person, person));

    [Fact]
    public void A_person_may_not_cover_a_role_they_do_not_hold_and_is_told_who_can_put_them_on_call()
    {
        Assert.Equal(
            "You do not hold SecOpsManager on Fri 20 Feb, so you cannot cover it: a person covers only a role they hold. "
            + "A manager of Leadership (it has none configured) can put you on call for it.",
            Refusal("SecOpsManager", "maya", "maya"));
        Assert.Equal(
            "You do not hold SocEngineer on Fri 20 Feb, so you cannot cover it: a person covers only a role they hold. "
            + "The Security Operations manager can put you on call for it.",
            Refusal("SocEngineer", "jo", "jo"));
    }

    [Fact]
    public void A_role_held_through_a_dated_assignment_may_be_covered_only_on_the_days_it_is_held()
    {
        // rio was IncidentResponseLead until 2026-02-28 and is SecurityArchitect from 2026-03-01.
        Assert.Null(Refusal("IncidentResponseLead", "rio", "rio", Utc(2026, 2, 27, 9), Utc(2026, 2, 28, 23, 59)));
        Assert.Equal(
            "You hold IncidentResponseLead only until Sat 28 Feb, so you cannot cover it on Sun 1 Mar: end the cover earlier, or ask the Security Operations manager.",
            Refusal("IncidentResponseLead", "rio", "rio", Utc(2026, 2, 28, 12), Utc(2026, 3, 1, 12)));
        Assert.StartsWith("You do not hold SecurityArchitect on Sat 28 Feb", Refusal("SecurityArchitect", "rio", "rio", Utc(2026, 2, 28, 12), Utc(2026, 3, 1, 12)), StringComparison.Ordinal);
        Assert.Null(Refusal("SecurityArchitect", "rio", "rio", Utc(2026, 3, 1, 0), Utc(2026, 3, 2, 0)));
    }

    [Fact]
    public void The_manager_of_the_roles_team_may_put_anyone_on_call_for_it_but_another_teams_manager_may_not()
    {
        Assert.Null(Refusal("SocEngineer", "jo", "dana"));
        Assert.Null(Refusal("RedTeamEngineer", "sam", "lee"));
        Assert.Equal(
            "Only the Security Operations manager can put someone else on call for SocEngineer; you can cover a shift of a role you hold yourself.",
            Refusal("SocEngineer", "sam", "lee"));
    }

    [Fact]
    public void Someone_who_is_no_manager_may_not_put_another_holder_of_their_own_role_on_call() =>
        Assert.StartsWith("Only the Security Engineering manager can put someone else on call for RedTeamEngineer", Refusal("RedTeamEngineer", "alex", "jo"), StringComparison.Ordinal);

    [Theory]
    [InlineData("ciso", "ciso")]
    [InlineData("maya", "maya")]
    [InlineData("ciso", "maya")]
    public void The_executive_role_is_only_covered_by_a_SecOps_or_SecEng_manager(string person, string requestedBy) =>
        Assert.Equal(
            "Executive is outside every team: only a team manager (SecOpsManager or SecEngManager) can put someone on call for it.",
            Refusal("Executive", person, requestedBy));

    [Theory]
    [InlineData("dana")]
    [InlineData("lee")]
    public void A_SecOps_or_SecEng_manager_may_put_someone_on_call_for_the_executive_role(string manager) =>
        Assert.Null(Refusal("Executive", "ciso", manager));

    [Fact]
    public void The_window_is_checked_before_who_asks()
    {
        Assert.Equal("That window is already over.", Refusal("SocEngineer", "jo", "jo", Now.AddHours(-9), Now.AddHours(-1)));
        Assert.StartsWith("A cover may last at most 31 days", Refusal("SocEngineer", "sam", "sam", Now, Now.AddDays(32)), StringComparison.Ordinal);
    }

    private static OnCallOverride SamCovers(DateTimeOffset from, DateTimeOffset to) =>
        new(7, "role:SocEngineer", "sam", from, to, CreatedBy: "sam", CreatedAt: Now.AddDays(-1));

    [Theory]
    [InlineData("sam")]
    [InlineData("dana")]
    public void A_cover_is_cancelled_by_its_person_or_the_teams_manager(string personId) =>
        Assert.Null(CoverRules.CancelRefusal(Roster, SamCovers(Now.AddHours(1), Now.AddHours(9)), personId, Now));

    [Theory]
    [InlineData("maya")]
    [InlineData("lee")]
    public void Anyone_else_is_refused_cancelling_a_cover(string personId) =>
        Assert.Equal(
            "Only Sam, who covers it, or the Security Operations manager can cancel it.",
            CoverRules.CancelRefusal(Roster, SamCovers(Now.AddHours(1), Now.AddHours(9)), personId, Now));

    [Fact]
    public void A_cover_already_cancelled_or_over_cannot_be_cancelled()
    {
        var cancelled = SamCovers(Now.AddHours(1), Now.AddHours(9)) with { CancelledAt = Now.AddMinutes(-5), CancelledBy = "dana" };

        Assert.Equal("It was already cancelled by Dana at Fri 20 Feb 11:55 Europe/London.", CoverRules.CancelRefusal(Roster, cancelled, "sam", Now));
        Assert.Equal(
            "It ended at Fri 20 Feb 11:00 Europe/London; there is nothing left to cancel.",
            CoverRules.CancelRefusal(Roster, SamCovers(Now.AddHours(-9), Now.AddHours(-1)), "sam", Now));
    }

    [Fact]
    public void A_cover_in_force_may_be_cancelled_and_then_covers_nothing()
    {
        var inForce = SamCovers(Now.AddHours(-1), Now.AddHours(9));
        Assert.Null(CoverRules.CancelRefusal(Roster, inForce, "sam", Now));

        var cancelled = inForce with { CancelledAt = Now, CancelledBy = "sam" };
        var onCall = new OnCallResolver(Roster, [cancelled]).Resolve(new PageTarget(PageTargetKind.Role, "SocEngineer"), Now);

        Assert.False(cancelled.Covers(Now));
        Assert.Equal(OnCallSource.Rotation, onCall.Source);
    }
}
