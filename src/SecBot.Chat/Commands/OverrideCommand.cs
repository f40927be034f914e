using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary>
/// <c>override REV-n &lt;seat&gt; &lt;reason&gt;</c>: a team manager fills a pending required seat in place of its
/// reviewers (policy rule 6); the seat is a seat id of the policy (<c>IRLead</c>) and the reason is required.
/// </summary>
public sealed record OverrideCommand(GateId Gate, string Seat, string Reason) : ChatCommand;
