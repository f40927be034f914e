using System.Globalization;
using SecBot.Chat.Incidents;
using SecBot.Domain.Policy;
using SecBot.Host.Delivery;
using SecBot.Host.Ledger;
using SecBot.Host.Retention;

namespace SecBot.Host.Configuration;

/// <summary>
/// The durations SecBot will act on, as bound (defaults included), each with what it governs and its key path — logged
/// at start so a misread setting shows up as "Review reminder: 24 days" on the first line someone reads.
/// </summary>
public static class EffectiveDurations
{
    public sealed record Entry(string Meaning, string KeyPath, TimeSpan Value);

    public static IReadOnlyList<Entry> From(
        PolicyOptions policy, DeliveryOptions delivery, RetentionOptions retention, LedgerOptions ledger, DeclareLimitOptions? declares = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(ledger);
        var entries = new List<Entry>();
        var levels = policy.Escalation.Levels;
        for (var i = 0; i < levels.Count; i++)
        {
            entries.Add(new($"Ack timeout at level {levels[i].Name}", Item("SecBot:Escalation:Levels", i, "AckTimeout"), levels[i].AckTimeout));
        }

        entries.Add(new("Review reminder after", "SecBot:Reviews:ReminderAfter", policy.Reviews.ReminderAfter));
        entries.Add(new("Review manager notice after", "SecBot:Reviews:ManagerNoticeAfter", policy.Reviews.ManagerNoticeAfter));
        var rotations = policy.Roster.Rotations;
        for (var i = 0; i < rotations.Count; i++)
        {
            entries.Add(new($"Shift length of rotation {rotations[i].Id}", Item("SecBot:Roster:Rotations", i, "Length"), rotations[i].Length));
        }

        entries.Add(new("Delivery retried for", $"{DeliveryOptions.SectionName}:RetryFor", delivery.RetryFor));
        entries.Add(new("Delivery first backoff", $"{DeliveryOptions.SectionName}:FirstBackoff", delivery.FirstBackoff));
        entries.Add(new("Delivery longest backoff", $"{DeliveryOptions.SectionName}:MaxBackoff", delivery.MaxBackoff));
        entries.Add(new("Delivery claim lease", $"{DeliveryOptions.SectionName}:ClaimLease", delivery.ClaimLease));
        entries.Add(new($"Page storm window (past {delivery.PageStorm.Pages} pages to one person, one digest)", $"{DeliveryOptions.SectionName}:PageStorm:Window", delivery.PageStorm.Window));
        if (declares is not null) entries.Add(new($"Declare limit window ({declares.PerPerson} per person)", $"{DeclareLimitOptions.SectionName}:Window", declares.Window));
        entries.Add(new("Sent messages kept for", $"{RetentionOptions.SectionName}:SentMessages", retention.SentMessages));
        entries.Add(new("Inbound idempotency keys kept for", $"{RetentionOptions.SectionName}:InboundKeys", retention.InboundKeys));
        entries.Add(new("Retention sweep every", $"{RetentionOptions.SectionName}:SweepEvery", retention.SweepEvery));
        if (ledger.SignsCheckpoints) entries.Add(new("Ledger checkpoint every", $"{LedgerOptions.SectionName}:CheckpointEvery", ledger.CheckpointEvery));
        return entries;
    }

    private static string Item(string list, int index, string key) => $"{list}:{index.ToString(CultureInfo.InvariantCulture)}:{key}";
}
