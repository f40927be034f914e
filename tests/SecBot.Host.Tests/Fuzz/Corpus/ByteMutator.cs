namespace SecBot.Testing.Fuzz;

/// <summary>Byte-level damage that no well-formed writer produces: flipped bytes and sequences that are not UTF-8.</summary>
internal static class ByteMutator
{
    // Each one is invalid UTF-8: a lone continuation byte, bytes never used, an overlong '/', an encoded surrogate, a cut sequence.
    private static readonly byte[][] InvalidSequences =
    [
        [0x80], [0xFF], [0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F],
    ];

    public static byte[] InvalidUtf8(Random random) => InvalidSequences[random.Next(InvalidSequences.Length)];

    public static byte[] InsertInvalidUtf8(byte[] seed, Random random)
    {
        var at = random.Next(seed.Length + 1);
        return [.. seed[..at], .. InvalidUtf8(random), .. seed[at..]];
    }

    public static byte[] Flip(byte[] seed, Random random)
    {
        var copy = (byte[])seed.Clone();
        for (var i = random.Next(1, 6); i > 0 && copy.Length > 0; i--) copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }
}
