namespace SecBot.Domain;

/// <summary>An engine answer: a decision, or a refusal whose message tells the user what to do instead.</summary>
public readonly record struct Outcome<T>
    where T : class
{
    private Outcome(T? value, string? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }
    public string? Refusal { get; }
    public bool IsRefused => Refusal is not null;

    public static Outcome<T> Decided(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static Outcome<T> Refused(string reason) => new(null, reason);

    public static implicit operator Outcome<T>(T value) => Decided(value);
}
