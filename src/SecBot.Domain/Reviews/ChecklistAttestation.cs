using SecBot.Domain.Policy;

namespace SecBot.Domain.Reviews;

/// <summary>Checks an approver's checklist against the gate type's: every item attested, nothing unknown.</summary>
internal static class ChecklistAttestation
{
    /// <summary>The attested items in policy order and spelling, or a refusal naming what is missing.</summary>
    public static (IReadOnlyList<string> Attested, string? Refusal) Check(GateTypeOptions type, string gateKey, IEnumerable<string> attested)
    {
        if (type.Checklist.Count == 0) return ([], null);

        var given = attested.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
        var unknown = given.Where(a => !type.Checklist.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return ([], $"Unknown checklist {(unknown.Count == 1 ? "item" : "items")} {Quoted(unknown)}; {gateKey}'s checklist is {Quoted(type.Checklist)}.");
        }

        var missing = type.Checklist.Where(item => !given.Contains(item, StringComparer.OrdinalIgnoreCase)).ToList();
        return missing.Count > 0
            ? ([], $"Approving {gateKey} ({type.Id}) attests every checklist item; not attested: {Quoted(missing)}.")
            : (type.Checklist.ToList(), null);
    }

    private static string Quoted(IEnumerable<string> items) => string.Join(", ", items.Select(i => $"\"{i}\""));
}
