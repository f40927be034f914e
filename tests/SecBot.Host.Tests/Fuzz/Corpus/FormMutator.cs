using System.Text;

namespace SecBot.Testing.Fuzz;

/// <summary>
/// Spoils a real <c>application/x-www-form-urlencoded</c> body one way at a time: a field dropped, blanked, repeated, made
/// huge or given bad escapes, raw bytes that are not UTF-8, or the text cut short. A <c>payload</c> field holding JSON
/// (Slack's interactivity) is spoiled with <see cref="JsonMutator"/> instead, half of the time.
/// </summary>
internal static class FormMutator
{
    private const int Kinds = 9;

    public static byte[] Any(byte[] seed, Random random)
    {
        var pairs = Encoding.UTF8.GetString(seed).Split('&').Select(Split).ToList();
        var payload = pairs.FindIndex(p => p.Name == "payload");
        if (payload >= 0 && random.Next(2) == 0)
        {
            var json = Encoding.UTF8.GetBytes(Uri.UnescapeDataString(pairs[payload].Value.Replace('+', ' ')));
            return Joined(pairs, payload, "payload=" + Escaped(JsonMutator.Any(json, random)));
        }

        if (pairs.Count == 0) return seed;
        var at = random.Next(pairs.Count);
        var (name, value) = pairs[at];
        return random.Next(Kinds) switch
        {
            0 => Joined(pairs, at, null),
            1 => Joined(pairs, at, name + "="),
            2 => Joined(pairs, at, $"{name}={value}&{name}={Uri.EscapeDataString(ArbitraryText.Next(random))}"),
            3 => Joined(pairs, at, $"{name}={new string('x', random.Next(64 * 1024, 400 * 1024))}"),
            4 => Joined(pairs, at, $"{name}={value}%{(random.Next(2) == 0 ? "ZZ" : "")}"),
            5 => Joined(pairs, at, $"{name}={Uri.EscapeDataString(ArbitraryText.Next(random))}"),
            6 => [.. Joined(pairs, at, name + "="), .. ByteMutator.InvalidUtf8(random)],
            7 => seed[..random.Next(seed.Length)],
            _ => Joined(pairs, at, "%ED%A0%80=%ED%A0%80&=&&" + name),
        };
    }

    private static (string Name, string Value) Split(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
    }

    // The form with the pair at <paramref name="at"/> replaced by <paramref name="replacement"/> (already encoded), or left out.
    private static byte[] Joined(List<(string Name, string Value)> pairs, int at, string? replacement) =>
        Encoding.UTF8.GetBytes(string.Join('&', pairs.Select((p, i) => i != at ? $"{p.Name}={p.Value}" : replacement).Where(p => p is not null)));

    // The payload as its bytes are, invalid UTF-8 included: each byte that is not a plain character is %-escaped.
    private static string Escaped(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.') text.Append((char)b);
            else text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
