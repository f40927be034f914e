using System.Globalization;

namespace SecBot.Domain.Policy;

/// <summary>Checks of <c>SecBot:Reviews</c>: reminder delays, seats, gate types and their stages.</summary>
internal static class ReviewPolicyRules
{
    public static void Check(PolicyValidationContext context)
    {
        var reviews = context.Policy.Reviews;
        context.RequirePositive(KeyPath.Child(KeyPath.Reviews, "ReminderAfter"), reviews.ReminderAfter);
        context.RequirePositive(KeyPath.Child(KeyPath.Reviews, "ManagerNoticeAfter"), reviews.ManagerNoticeAfter);
        CheckReminderComesFirst(context, reviews);
        CheckSeats(context, reviews.Seats);
        CheckGateTypes(context, reviews.GateTypes);
    }

    /// <summary>The reviewer is reminded before their manager is told, never after (policy.md: 24 h, then 72 h).</summary>
    private static void CheckReminderComesFirst(PolicyValidationContext context, ReviewOptions reviews)
    {
        if (reviews.ReminderAfter <= TimeSpan.Zero || reviews.ReminderAfter < reviews.ManagerNoticeAfter) return;
        context.Problems.Add(
            KeyPath.Child(KeyPath.Reviews, "ReminderAfter"),
            $"the reminder ({Text(reviews.ReminderAfter)}) must come before the manager notice at {KeyPath.Child(KeyPath.Reviews, "ManagerNoticeAfter")} ({Text(reviews.ManagerNoticeAfter)})");
    }

    private static string Text(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);

    private static void CheckSeats(PolicyValidationContext context, List<SeatOptions> seats)
    {
        var listPath = KeyPath.Child(KeyPath.Reviews, "Seats");
        context.RequireUniqueIds("seat id", seats.Select((seat, i) => (KeyPath.Child(KeyPath.Item(listPath, i), "Id"), seat.Id)));
        for (var i = 0; i < seats.Count; i++)
        {
            var rolesPath = KeyPath.Child(KeyPath.Item(listPath, i), "Roles");
            if (seats[i].Roles.Count == 0) context.Problems.Add(rolesPath, "a seat needs at least one role");
            for (var j = 0; j < seats[i].Roles.Count; j++) context.RequireRole(KeyPath.Item(rolesPath, j), seats[i].Roles[j]);
        }
    }

    private static void CheckGateTypes(PolicyValidationContext context, List<GateTypeOptions> gateTypes)
    {
        var listPath = KeyPath.Child(KeyPath.Reviews, "GateTypes");
        context.RequireUniqueIds("gate type id", gateTypes.Select((gateType, i) => (KeyPath.Child(KeyPath.Item(listPath, i), "Id"), gateType.Id)));
        for (var i = 0; i < gateTypes.Count; i++) CheckGateType(context, KeyPath.Item(listPath, i), gateTypes[i]);
    }

    private static void CheckGateType(PolicyValidationContext context, string gatePath, GateTypeOptions gateType)
    {
        var stagesPath = KeyPath.Child(gatePath, "Stages");
        if (gateType.Stages.Count == 0) context.Problems.Add(stagesPath, "a gate type needs at least one stage");
        for (var j = 0; j < gateType.Stages.Count; j++)
        {
            CheckStage(context, KeyPath.Item(stagesPath, j), gateType.Stages[j], isOnlyStage: gateType.Stages.Count == 1);
        }

        var checklistPath = KeyPath.Child(gatePath, "Checklist");
        for (var j = 0; j < gateType.Checklist.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(gateType.Checklist[j])) context.Problems.Add(KeyPath.Item(checklistPath, j), "a checklist item must not be empty");
        }

        context.RequireRoleIfSet(KeyPath.Child(gatePath, "OwnerRoleOnApproval"), gateType.OwnerRoleOnApproval);
    }

    private static void CheckStage(PolicyValidationContext context, string stagePath, StageOptions stage, bool isOnlyStage)
    {
        // A refused out-of-order sign-off names the stage still open, so with several stages each needs a name.
        if (!isOnlyStage && string.IsNullOrWhiteSpace(stage.Name))
        {
            context.Problems.Add(KeyPath.Child(stagePath, "Name"), "a stage of a multi-stage gate needs a name");
        }

        var requiredPath = KeyPath.Child(stagePath, "Required");
        if (stage.Required.Count == 0) context.Problems.Add(requiredPath, "a stage needs at least one required seat");
        for (var k = 0; k < stage.Required.Count; k++) CheckRequiredSeat(context, KeyPath.Item(requiredPath, k), stage.Required[k]);

        var optionalPath = KeyPath.Child(stagePath, "Optional");
        for (var k = 0; k < stage.Optional.Count; k++)
        {
            var seatPath = KeyPath.Item(optionalPath, k);
            context.RequireSeat(seatPath, stage.Optional[k]);
            if (stage.Required.Contains(stage.Optional[k], StringComparer.Ordinal))
            {
                context.Problems.Add(seatPath, $"seat '{stage.Optional[k]}' is both required and optional in this stage");
            }
        }
    }

    private static void CheckRequiredSeat(PolicyValidationContext context, string seatPath, string seatId)
    {
        if (!context.Index.Seats.Contains(seatId))
        {
            context.RequireSeat(seatPath, seatId);
        }
        else if (!context.Index.SomeoneCanSign(seatId))
        {
            context.Problems.Add(seatPath, $"seat '{seatId}' can be signed by nobody: no person holds any of its roles now or in any assignment");
        }
    }
}
