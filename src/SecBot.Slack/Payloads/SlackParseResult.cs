using System.Diagnostics.CodeAnalysis;

namespace SecBot.Slack.Payloads;

/// <summary>
/// A parsed inbound payload, or why it could not be parsed. A failure means the body was malformed and the
/// endpoint answers 400 with <see cref="Error"/>; an unknown but well-formed payload is a success.
/// </summary>
public sealed record SlackParseResult<T>
    where T : class
{
    private SlackParseResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    internal static SlackParseResult<T> Success(T value) => new(value, null);

    internal static SlackParseResult<T> Failure(string reason) => new(null, reason);
}
