using System.Diagnostics.CodeAnalysis;

namespace SecBot.Teams.Activities;

/// <summary>What was read from Teams, or why it could not be: an <see cref="Error"/> names the problem and is never an exception.</summary>
public sealed record TeamsParseResult<T>
    where T : class
{
    private TeamsParseResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    public static TeamsParseResult<T> Success(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, null);
    }

    public static TeamsParseResult<T> Failure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason);
    }
}
