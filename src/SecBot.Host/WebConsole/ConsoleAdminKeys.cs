using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SecBot.Host.ConsolePlatform;

namespace SecBot.Host.WebConsole;

/// <summary>
/// The web console's admin keys (<c>SecBot:Console:AdminKeys</c>), held as SHA-256 digests and compared in constant time:
/// every configured key is compared with every presented one, so how long a login takes says nothing about the keys.
/// </summary>
public sealed class ConsoleAdminKeys
{
    private readonly (byte[] Digest, string Holder)[] _keys;

    public ConsoleAdminKeys(IOptions<ConsoleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = [.. options.Value.AdminKeys.Select(entry => (Digest(entry.Key), entry.Value.Trim()))];
    }

    /// <summary>Who holds <paramref name="presented"/>; null when it is not a configured key.</summary>
    public string? HolderOf(string? presented)
    {
        var digest = Digest(presented ?? "");
        string? holder = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key.Digest, digest) && !string.IsNullOrEmpty(presented)) holder = key.Holder;
        }

        return holder;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
