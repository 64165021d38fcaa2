namespace Greenhouse.Sandbox;

/// <summary>
/// Deterministic pseudo-randomness for fake data (xorshift-style; not <see cref="Random"/>, whose sequences are not
/// promised to stay the same across .NET versions).
/// </summary>
internal sealed class SandboxRandom
{
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string UpperAlphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private ulong _state;

    public SandboxRandom(int seed, long stream)
    {
        _state = Mix(seed, stream) | 1;
    }

    /// <summary>SplitMix64 of two numbers: a well-spread 64-bit hash.</summary>
    public static ulong Mix(long a, long b)
    {
        var z = unchecked(((ulong)a * 0x9E3779B97F4A7C15) ^ ((ulong)b + 0xD1B54A32D192ED03));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        // xorshift64*
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return unchecked(_state * 0x2545F4914F6CDD1D);
    }

    /// <summary>0 ≤ result &lt; <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary><paramref name="min"/> ≤ result &lt; <paramref name="maxExclusive"/>.</summary>
    public long Next(long min, long maxExclusive) =>
        maxExclusive <= min ? min : min + (long)(NextUInt64() % (ulong)(maxExclusive - min));

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary><paramref name="prefix"/> followed by <paramref name="length"/> random letters and digits (Stripe's id shape).</summary>
    public string Id(string prefix, int length) => prefix + Chars(Alphanumerics, length);

    public string Upper(int length) => Chars(UpperAlphanumerics, length);

    private string Chars(string alphabet, int length) =>
        string.Create(length, this, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[random.Next(alphabet.Length)];
            }
        });
}
