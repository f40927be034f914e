using System.Diagnostics.CodeAnalysis;

namespace SecBot.Chat.Inbound;

/// <summary>
/// What a platform adapter read from an inbound body, or why it could not: an <see cref="Error"/> names the problem (the
/// endpoint answers 400 with it) and is never an exception. An unknown but well-formed payload is a success.
/// </summary>
public sealed record ParseResult<T>
    where T : class
{
    private ParseResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    public static ParseResult<T> Success(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, null);
    }

    public static ParseResult<T> Failure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason);
    }
}
