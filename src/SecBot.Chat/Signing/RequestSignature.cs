using System.Security.Cryptography;
using System.Text;

namespace SecBot.Chat.Signing;

/// <summary>
/// The v0 request signature Slack signs SecBot's requests with, and SecBot signs its Gate API callbacks with:
/// HMAC-SHA256, keyed with the shared secret, of <c>v0:{timestamp}:{raw body}</c>, sent as <c>v0=</c> and 64 lowercase
/// hex digits. Slack's verifier checks with it; the callback sender signs with it.
/// </summary>
public static class RequestSignature
{
    public const string VersionPrefix = "v0=";

    /// <summary>The digest's length in bytes (SHA-256).</summary>
    public const int DigestBytes = 32;

    /// <summary>The HMAC of <c>v0:{timestamp}:{body}</c> keyed with <paramref name="key"/>.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> key, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"v0:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    /// <summary>The signature header's value: <c>v0=</c> and the digest in lowercase hex.</summary>
    public static string Header(ReadOnlySpan<byte> key, string timestamp, ReadOnlySpan<byte> body) =>
        VersionPrefix + Convert.ToHexStringLower(Digest(key, timestamp, body));
}
