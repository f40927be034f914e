using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SecBot.Testing.Fuzz;

namespace SecBot.Testing.Properties;

/// <summary>
/// FsCheck generators over the fuzz corpus: real captures spoiled by <see cref="JsonMutator"/> or <see cref="FormMutator"/>
/// (FsCheck picks the capture, the mutation and its seed, so a failure names all three), rewritten equivalently, or
/// arbitrary bytes and text. Linked into the Teams tests.
/// </summary>
internal static class MutatedGen
{
    public static Gen<byte[]> Json(IReadOnlyList<byte[]> seeds) =>
        from seed in Gen.Elements(seeds.ToArray())
        from mutation in Gen.Elements(JsonMutator.All)
        from salt in Gen.Choose(0, int.MaxValue)
        select JsonMutator.Apply(mutation, seed, new Random(salt));

    public static Gen<byte[]> Form(IReadOnlyList<byte[]> seeds) =>
        from seed in Gen.Elements(seeds.ToArray())
        from salt in Gen.Choose(0, int.MaxValue)
        select FormMutator.Any(seed, new Random(salt));

    /// <summary>A capture and an equivalent rewrite of it.</summary>
    public static Gen<(byte[] Original, byte[] Rewritten)> Rewritten(IReadOnlyList<byte[]> seeds) =>
        from seed in Gen.Elements(seeds.ToArray())
        from salt in Gen.Choose(0, int.MaxValue)
        select (seed, JsonRewriter.Equivalent(seed, new Random(salt)));

    /// <summary>Arbitrary bytes, and arbitrary text as UTF-8 (lone surrogates become U+FFFD).</summary>
    public static Gen<byte[]> Noise() =>
        Gen.OneOf(ArbMap.Default.GeneratorFor<byte[]>(), ArbMap.Default.GeneratorFor<string>().Select(s => Encoding.UTF8.GetBytes(s ?? "")));

    /// <summary>Mutated captures three times out of four, noise otherwise.</summary>
    public static Arbitrary<byte[]> JsonOrNoise(IReadOnlyList<byte[]> seeds) =>
        Gen.Frequency((3, Json(seeds)), (1, Noise())).ToArbitrary();

    public static Arbitrary<byte[]> FormOrNoise(IReadOnlyList<byte[]> seeds) =>
        Gen.Frequency((3, Form(seeds)), (1, Noise())).ToArbitrary();
}
