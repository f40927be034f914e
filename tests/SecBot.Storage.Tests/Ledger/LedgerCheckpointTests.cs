using SecBot.Storage.Ledger;

namespace SecBot.Storage.Tests.Ledger;

public sealed class LedgerCheckpointTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";
    private static readonly string Head = new('a', 64);
    private static readonly LedgerCheckpoint Checkpoint = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), 22, Head);

    [Fact]
    public void A_signed_line_reads_back_as_the_checkpoint_it_states()
    {
        var line = Checkpoint.Sign(Key);

        Assert.StartsWith($"secbot-ledger-checkpoint/1 at=2026-03-02T09:00:00.000Z records=22 head={Head} hmac=", line, StringComparison.Ordinal);
        Assert.Equal((Checkpoint, (string?)null), LedgerCheckpoint.Read("  " + line + "\n", Key));
    }

    [Fact]
    public void The_hmac_is_hmac_sha256_of_the_text_before_it_so_it_can_be_checked_by_hand()
    {
        var line = Checkpoint.Sign(Key);

        var payload = line[..line.IndexOf(" hmac=", StringComparison.Ordinal)];
        var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key), System.Text.Encoding.UTF8.GetBytes(payload));
        Assert.EndsWith(" hmac=" + Convert.ToHexStringLower(mac), line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("records=22", "records=23")]
    [InlineData("head=aaaa", "head=baaa")]
    [InlineData("09:00:00", "09:00:01")]
    public void A_line_changed_after_signing_is_not_accepted(string find, string replace)
    {
        var line = Checkpoint.Sign(Key).Replace(find, replace, StringComparison.Ordinal);

        var (checkpoint, problem) = LedgerCheckpoint.Read(line, Key);

        Assert.Null(checkpoint);
        Assert.Contains("hmac does not match", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_signed_with_another_key_is_not_accepted() =>
        Assert.Contains("hmac does not match", LedgerCheckpoint.Read(Checkpoint.Sign(Key + "x"), Key).Problem, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("secbot-ledger-checkpoint/1 records=22")]
    [InlineData("secbot-ledger-checkpoint/2 at=2026-03-02T09:00:00.000Z records=22 head=aa hmac=bb")]
    public void A_line_without_the_checkpoint_shape_is_named_as_such(string line)
    {
        Assert.False(LedgerCheckpoint.IsWellFormed(line));
        Assert.StartsWith("not a checkpoint line", LedgerCheckpoint.Read(line, Key).Problem, StringComparison.Ordinal);
    }
}
