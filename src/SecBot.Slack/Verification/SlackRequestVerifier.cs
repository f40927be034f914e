using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SecBot.Chat.Signing;

namespace SecBot.Slack.Verification;

/// <summary>
/// Checks Slack's v0 request signature, following slack-protocol.md §1: basestring
/// <c>v0:{timestamp}:{raw body}</c>, HMAC-SHA256 keyed with the signing secret, constant-time comparison,
/// and a replay window of five minutes either way, checked before the HMAC.
/// </summary>
public sealed class SlackRequestVerifier
{
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    private const string VersionPrefix = RequestSignature.VersionPrefix;
    private const int DigestBytes = RequestSignature.DigestBytes;

    private readonly byte[] signingKey;
    private readonly TimeProvider timeProvider;

    public SlackRequestVerifier(string signingSecret, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentNullException.ThrowIfNull(timeProvider);
        signingKey = Encoding.UTF8.GetBytes(signingSecret);
        this.timeProvider = timeProvider;
    }

    /// <summary>
    /// Everything that can be checked before the body is read: both headers present and well-formed, and the timestamp
    /// within the replay window. A request failing this is refused without reading its body (an unsigned sender could
    /// otherwise make SecBot hold up to 1 MiB per connection).
    /// </summary>
    /// <param name="timestampHeader">The <c>X-Slack-Request-Timestamp</c> value, or null when absent.</param>
    /// <param name="signatureHeader">The <c>X-Slack-Signature</c> value, or null when absent.</param>
    public SlackVerificationResult CheckHeaders(string? timestampHeader, string? signatureHeader) =>
        CheckHeaders(timestampHeader, signatureHeader, stackalloc byte[DigestBytes]);

    /// <param name="timestampHeader">The <c>X-Slack-Request-Timestamp</c> value, or null when absent.</param>
    /// <param name="signatureHeader">The <c>X-Slack-Signature</c> value, or null when absent.</param>
    /// <param name="rawBody">The request bytes exactly as received, before any form or JSON parsing.</param>
    public SlackVerificationResult Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> rawBody)
    {
        Span<byte> presented = stackalloc byte[DigestBytes];
        var headers = CheckHeaders(timestampHeader, signatureHeader, presented);
        if (!headers.IsValid) return headers;

        var expected = ComputeDigest(timestampHeader!, rawBody);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? SlackVerificationResult.Valid
            : SlackVerificationResult.Fail(SlackVerificationFailure.BadSignature, "signature does not match the request body");
    }

    private SlackVerificationResult CheckHeaders(string? timestampHeader, string? signatureHeader, Span<byte> presented)
    {
        if (string.IsNullOrEmpty(timestampHeader))
        {
            return SlackVerificationResult.Fail(SlackVerificationFailure.MissingTimestamp, $"{SlackHeaders.RequestTimestamp} header is missing");
        }

        if (string.IsNullOrEmpty(signatureHeader))
        {
            return SlackVerificationResult.Fail(SlackVerificationFailure.MissingSignature, $"{SlackHeaders.Signature} header is missing");
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            return SlackVerificationResult.Fail(SlackVerificationFailure.NonNumericTimestamp, $"{SlackHeaders.RequestTimestamp} is not a number of Unix seconds");
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - sentAt) > (long)ReplayWindow.TotalSeconds)
        {
            return SlackVerificationResult.Fail(SlackVerificationFailure.StaleTimestamp, $"{SlackHeaders.RequestTimestamp} is more than five minutes from now");
        }

        return TryReadDigest(signatureHeader, presented)
            ? SlackVerificationResult.Valid
            : SlackVerificationResult.Fail(SlackVerificationFailure.BadSignature, $"{SlackHeaders.Signature} is not v0=<64 hex digits>");
    }

    /// <summary>The <c>X-Slack-Signature</c> value Slack would send for this body: what fakes and tests sign with.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        return RequestSignature.Header(signingKey, timestamp, rawBody);
    }

    private byte[] ComputeDigest(string timestamp, ReadOnlySpan<byte> rawBody) => RequestSignature.Digest(signingKey, timestamp, rawBody);

    private static bool TryReadDigest(string header, Span<byte> digest)
    {
        if (!header.StartsWith(VersionPrefix, StringComparison.Ordinal)) return false;
        var hex = header.AsSpan(VersionPrefix.Length);
        if (hex.Length != DigestBytes * 2) return false;
        return Convert.FromHexString(hex, digest, out _, out var written) == System.Buffers.OperationStatus.Done && written == DigestBytes;
    }
}
