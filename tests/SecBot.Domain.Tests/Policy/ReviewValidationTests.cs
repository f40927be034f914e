using SecBot.Domain.Policy;

namespace SecBot.Domain.Tests.Policy;

public sealed class ReviewValidationTests
{
    private readonly PolicyOptions _policy = ValidPolicy.Create();

    private ReviewOptions Reviews => _policy.Reviews;

    private GateTypeOptions Postmortem => Reviews.GateTypes[0];

    [Fact]
    public void Reminder_delay_that_is_not_positive_is_refused()
    {
        Reviews.ReminderAfter = TimeSpan.Zero;
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:ReminderAfter", "must be a positive duration");
    }

    [Fact]
    public void Manager_notice_delay_that_is_not_positive_is_refused()
    {
        Reviews.ManagerNoticeAfter = TimeSpan.FromHours(-1);
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:ManagerNoticeAfter", "must be a positive duration");
    }

    [Fact]
    public void Reminder_that_would_come_after_the_manager_notice_is_refused()
    {
        Reviews.ReminderAfter = TimeSpan.FromDays(24);
        Reviews.ManagerNoticeAfter = TimeSpan.FromHours(72);
        PolicyAssert.HasProblem(
            _policy, "SecBot:Reviews:ReminderAfter", "the reminder (24.00:00:00) must come before the manager notice at SecBot:Reviews:ManagerNoticeAfter (3.00:00:00)");
    }

    [Fact]
    public void Duplicate_seat_id_is_refused()
    {
        Reviews.Seats.Add(new SeatOptions { Id = "Leads", Roles = ["Lead"] });
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:Seats:2:Id", "duplicate seat id 'Leads'");
    }

    [Fact]
    public void Seat_without_roles_is_refused()
    {
        Reviews.Seats.Add(new SeatOptions { Id = "Nobody" });
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:Seats:2:Roles", "a seat needs at least one role");
    }

    [Fact]
    public void Seat_role_that_is_unknown_is_refused()
    {
        Reviews.Seats[0].Roles = ["Analyst", "Intern"];
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:Seats:0:Roles:1", "unknown role 'Intern'");
    }

    [Fact]
    public void Duplicate_gate_type_id_is_refused()
    {
        Reviews.GateTypes.Add(new GateTypeOptions { Id = "postmortem", Stages = [new StageOptions { Required = ["Leads"] }] });
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:1:Id", "duplicate gate type id 'postmortem'");
    }

    [Fact]
    public void Gate_type_without_stages_is_refused()
    {
        Postmortem.Stages.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Stages", "a gate type needs at least one stage");
    }

    [Fact]
    public void Stage_without_a_required_seat_is_refused()
    {
        Postmortem.Stages[1].Required.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Stages:1:Required", "a stage needs at least one required seat");
    }

    [Fact]
    public void Stage_requiring_an_unknown_seat_is_refused()
    {
        Postmortem.Stages[1].Required = ["Analysts", "Auditors"];
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Stages:1:Required:1", "no seat with id 'Auditors'");
    }

    [Fact]
    public void Stage_with_an_unknown_optional_seat_is_refused()
    {
        Postmortem.Stages[1].Optional = ["Auditors"];
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Stages:1:Optional:0", "no seat with id 'Auditors'");
    }

    [Fact]
    public void Seat_both_required_and_optional_in_one_stage_is_refused()
    {
        Postmortem.Stages[1].Optional = ["Leads", "Analysts"];
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Stages:1:Optional:1", "seat 'Analysts' is both required and optional");
    }

    [Fact]
    public void Required_seat_that_nobody_can_sign_is_refused()
    {
        _policy.Roster.Roles.Add(new RoleOptions { Id = "Auditor", Team = "Ops" });
        Reviews.Seats.Add(new SeatOptions { Id = "Audit", Roles = ["Auditor"] });
        Postmortem.Stages[0].Required = ["Audit"];
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Stages:0:Required:0", "seat 'Audit' can be signed by nobody");
    }

    [Fact]
    public void Unsigned_seat_that_no_gate_requires_is_accepted()
    {
        _policy.Roster.Roles.Add(new RoleOptions { Id = "Auditor", Team = "Ops" });
        Reviews.Seats.Add(new SeatOptions { Id = "Audit", Roles = ["Auditor"] });
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Stage_of_a_multi_stage_gate_without_a_name_is_refused()
    {
        Postmortem.Stages[1].Name = "";
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Stages:1:Name", "needs a name");
    }

    [Fact]
    public void Only_stage_of_a_gate_may_go_without_a_name()
    {
        Postmortem.Stages.RemoveAt(1);
        Postmortem.Stages[0].Name = "";
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Empty_checklist_item_is_refused()
    {
        Postmortem.Checklist = ["Tested", "  "];
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:Checklist:1", "a checklist item must not be empty");
    }

    [Fact]
    public void Owner_role_on_approval_that_is_unknown_is_refused()
    {
        Postmortem.OwnerRoleOnApproval = "Toolsmith";
        PolicyAssert.HasProblem(_policy, "SecBot:Reviews:GateTypes:0:OwnerRoleOnApproval", "unknown role 'Toolsmith'");
    }
}
