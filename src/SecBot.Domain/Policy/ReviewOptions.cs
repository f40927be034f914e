namespace SecBot.Domain.Policy;

public sealed class ReviewOptions
{
    /// <summary>Pending required reviewers are reminded after this long.</summary>
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The seat's team manager is told after this long.</summary>
    public TimeSpan ManagerNoticeAfter { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Seats of the approval matrix: named groups of roles.</summary>
    public List<SeatOptions> Seats { get; set; } = [];

    public List<GateTypeOptions> GateTypes { get; set; } = [];
}

public sealed class SeatOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}

public sealed class GateTypeOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Stages, completed in order.</summary>
    public List<StageOptions> Stages { get; set; } = [];

    /// <summary>Items every approver attests; empty when the type has no checklist.</summary>
    public List<string> Checklist { get; set; } = [];

    /// <summary>What an approved gate means ("Deployment approved").</summary>
    public string ApprovedOutcome { get; set; } = "";

    /// <summary>Role that becomes the owner when the gate is approved (tool-request: SecurityToolEngineer).</summary>
    public string OwnerRoleOnApproval { get; set; } = "";
}

public sealed class StageOptions
{
    public string Name { get; set; } = "";
    public List<string> Required { get; set; } = [];
    public List<string> Optional { get; set; } = [];
}
