namespace SecBot.Storage.Alerts;

/// <summary>
/// A dedup key as stored: the incident its trigger opened (open or not), and how many repeats were coalesced into it.
/// <see cref="Source"/> names the sender's routing key without being it.
/// </summary>
public sealed record AlertKey(string Source, string DedupKey, long IncidentId, long Repeats, bool IncidentOpen);
