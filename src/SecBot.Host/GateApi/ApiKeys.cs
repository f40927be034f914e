using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SecBot.Host.GateApi;

/// <summary>
/// The accepted API keys, looked up by their SHA-256 so the time a lookup takes says nothing about how much of a
/// guessed key was right. A key is kept only here, in memory: the database holds its hash.
/// </summary>
public sealed class ApiKeys
{
    private readonly Dictionary<string, (ApiCaller Caller, byte[] Key)> _byHash = new(StringComparer.Ordinal);

    public ApiKeys(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (key, entry) in options.Value.Keys)
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            var hash = HashOf(bytes);
            _byHash[hash] = (new ApiCaller(entry.Name.Trim(), hash), bytes);
        }
    }

    /// <summary>The caller a presented key belongs to; null when it is not an accepted key.</summary>
    public ApiCaller? Find(string? presented) =>
        !string.IsNullOrEmpty(presented) && _byHash.TryGetValue(HashOf(Encoding.UTF8.GetBytes(presented)), out var found) ? found.Caller : null;

    /// <summary>The key whose SHA-256 is <paramref name="keySha256"/>, to sign with; null when it is no longer configured.</summary>
    public byte[]? KeyFor(string keySha256) => _byHash.TryGetValue(keySha256, out var found) ? found.Key : null;

    private static string HashOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key));
}

/// <summary>Who presented an accepted key: the service it names, and the key's SHA-256 (lowercase hex).</summary>
public sealed record ApiCaller(string Service, string KeySha256);
