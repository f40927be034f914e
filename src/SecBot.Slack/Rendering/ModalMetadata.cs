using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SecBot.Slack.Rendering;

/// <summary>
/// A modal's <c>private_metadata</c>: its <see cref="ModalState"/> as JSON behind an HMAC-SHA256 tag,
/// <c>v1.&lt;tag&gt;.&lt;json&gt;</c>, at most 3000 characters (slack-protocol.md §7). Slack hands the metadata back
/// on submission and the state decides what the submission does and which message it updates, so it is believed only
/// when the tag matches. The key is derived (HKDF) from the signing secret for this one purpose: no new secret to
/// configure, and never the key Slack's request signatures use. A new signing secret invalidates open modals.
/// </summary>
public sealed class ModalMetadata
{
    private const string Version = "v1.";
    private const int TagBytes = 32;
    private static readonly int TagLength = Base64Url.GetEncodedLength(TagBytes);
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("SecBot Slack modal private_metadata v1");

    private readonly byte[] _key;

    public ModalMetadata(string signingSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret), TagBytes, info: Purpose);
    }

    /// <summary>The longest JSON that still fits Slack's limit once tagged.</summary>
    public static int MaxJsonLength => SlackLimits.PrivateMetadata - Version.Length - TagLength - 1;

    /// <summary>
    /// The sealed state; without its inputs if it is too long with them (a submission still reads text values by id),
    /// and empty if even that does not fit (the submission is then refused as not SecBot's).
    /// </summary>
    public string Seal(ModalState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = ModalRenderer.WriteState(state);
        if (json.Length <= MaxJsonLength) return Sign(json);
        json = ModalRenderer.WriteState(state with { Inputs = [] });
        return json.Length <= MaxJsonLength ? Sign(json) : "";
    }

    /// <summary>Tags <paramref name="json"/> as it stands; tests use it to hand in malformed states that are signed.</summary>
    public string Sign(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Version + Base64Url.EncodeToString(Tag(json)) + "." + json;
    }

    /// <summary>The state, or null when the metadata is not SecBot's: no tag, a tag that does not match, or not a state.</summary>
    public ModalState? Open(string? privateMetadata)
    {
        if (privateMetadata is null || privateMetadata.Length < Version.Length + TagLength + 1) return null;
        if (!privateMetadata.StartsWith(Version, StringComparison.Ordinal) || privateMetadata[Version.Length + TagLength] != '.') return null;

        Span<byte> presented = stackalloc byte[TagBytes];
        var encoded = privateMetadata.AsSpan(Version.Length, TagLength);
        if (!Base64Url.TryDecodeFromChars(encoded, presented, out var written) || written != TagBytes) return null;

        var json = privateMetadata[(Version.Length + TagLength + 1)..];
        return CryptographicOperations.FixedTimeEquals(Tag(json), presented) ? ModalRenderer.ReadState(json) : null;
    }

    private byte[] Tag(string json) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(json));
}
