namespace SecBot.Domain.Tests.Reviews;

using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md: every approver of high-risk-deploy and security-tool attests the type's checklist.</summary>
public class ChecklistTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void An_approval_missing_checklist_items_is_refused_naming_them()
    {
        _scenario.Open("high-risk-deploy");

        var refusal = _scenario.Approve(Amara, checklist: ["Security controls"]).Refused();

        Assert.Contains("not attested: \"Monitoring coverage\", \"Incident response\"", refusal, StringComparison.Ordinal);
        Assert.Empty(_scenario.Gate.SignOffs);
    }

    [Fact]
    public void An_approval_with_no_attestation_is_refused_naming_every_item()
    {
        _scenario.Open("security-tool");

        var refusal = _scenario.Approve(Sam, checklist: []).Refused();

        Assert.Contains("\"Security\", \"Operations\", \"Maintenance\"", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_checklist_item_is_refused_listing_the_checklist()
    {
        _scenario.Open("security-tool");

        var refusal = _scenario.Approve(Sam, checklist: ["Security", "Operations", "Maintenance", "Vibes"]).Refused();

        Assert.Contains("\"Vibes\"", refusal, StringComparison.Ordinal);
        Assert.Contains("\"Security\", \"Operations\", \"Maintenance\"", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_attestation_is_recorded_on_the_sign_off_and_the_ledger_in_policy_spelling()
    {
        _scenario.Open("high-risk-deploy");

        var decision = _scenario.Approve(Amara, checklist: ["incident response", " Security controls ", "MONITORING COVERAGE"]).Decided();

        string[] policyOrder = ["Security controls", "Monitoring coverage", "Incident response"];
        Assert.Equal(policyOrder, decision.Gate.SignOffs[^1].Checklist);
        Assert.Equal(policyOrder, decision.Ledger.Single().Checklist);
    }

    [Fact]
    public void A_gate_type_without_a_checklist_needs_no_attestation()
    {
        _scenario.Open("threat-model");

        var decision = _scenario.Approve(Amara, checklist: []).Decided();

        Assert.Empty(decision.Gate.SignOffs[^1].Checklist);
    }
}
