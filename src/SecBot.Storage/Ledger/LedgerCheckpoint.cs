using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SecBot.Storage.Ledger;

/// <summary>
/// A signed statement of the ledger's head, posted outside the database (the incidents channel and the log), so a
/// ledger rewritten by whoever holds the file — triggers dropped, rows edited, the chain re-hashed — no longer matches
/// what was posted. One line:
/// <code>secbot-ledger-checkpoint/1 at=2026-03-02T09:00:00.000Z records=22 head=&lt;64 hex&gt; hmac=&lt;64 hex&gt;</code>
/// <c>records</c> is the number of records (the id of the last one), <c>head</c> that record's hash, and <c>hmac</c>
/// the lowercase hex HMAC-SHA256, keyed with the UTF-8 bytes of <c>SecBot:Ledger:CheckpointKey</c>, of the UTF-8 bytes
/// of the line before <c>" hmac="</c>. The key lives in configuration only, never in the database.
/// </summary>
public sealed partial record LedgerCheckpoint(DateTimeOffset At, long Records, string Head)
{
    public const string FormatTag = "secbot-ledger-checkpoint/1";
    private const string MacSeparator = " hmac=";

    public string AtText => LedgerExporter.FormatTime(At.ToUnixTimeMilliseconds());

    /// <summary>The signed part of the line: everything before <c>" hmac="</c>.</summary>
    public string Payload => string.Create(CultureInfo.InvariantCulture, $"{FormatTag} at={AtText} records={Records} head={Head}");

    /// <summary>The checkpoint line, signed with <paramref name="key"/>.</summary>
    public string Sign(string key) => Payload + MacSeparator + Mac(key, Payload);

    /// <summary>Whether <paramref name="line"/> has a checkpoint line's shape (its signature is not checked).</summary>
    public static bool IsWellFormed(string line) => LinePattern().IsMatch((line ?? "").Trim());

    /// <summary>
    /// The checkpoint a posted <paramref name="line"/> states, when it is well formed and signed with
    /// <paramref name="key"/>; otherwise the reason it is not to be trusted.
    /// </summary>
    public static (LedgerCheckpoint? Checkpoint, string? Problem) Read(string line, string key)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var match = LinePattern().Match(line.Trim());
        if (!match.Success)
        {
            return (null, $"not a checkpoint line: expected '{FormatTag} at=<yyyy-MM-ddTHH:mm:ss.fffZ> records=<n> head=<64 hex> hmac=<64 hex>'");
        }

        if (!DateTimeOffset.TryParseExact(match.Groups["at"].Value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            || !long.TryParse(match.Groups["records"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var records))
        {
            return (null, "the checkpoint's at= or records= cannot be read");
        }

        var checkpoint = new LedgerCheckpoint(at, records, match.Groups["head"].Value);
        var expected = Encoding.ASCII.GetBytes(Mac(key, checkpoint.Payload));
        var given = Encoding.ASCII.GetBytes(match.Groups["hmac"].Value);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            ? (checkpoint, null)
            : (null, "the checkpoint's hmac does not match: it was not signed with this SecBot:Ledger:CheckpointKey, or the line was changed");
    }

    private static string Mac(string key, string payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload)));
    }

    [GeneratedRegex(@"^secbot-ledger-checkpoint/1 at=(?<at>\S+) records=(?<records>[0-9]{1,18}) head=(?<head>[0-9a-f]{64}) hmac=(?<hmac>[0-9a-f]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();
}
