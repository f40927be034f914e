using System.Diagnostics.CodeAnalysis;

namespace SecBot.Teams.Connector;

/// <summary>
/// A Connector (or token) call's answer: the value, or why it failed. A class, not a record, so a bearer token it
/// carries never ends up in a log line through a generated <c>ToString</c>.
/// </summary>
public sealed class ConnectorResult<T>
    where T : class
{
    private ConnectorResult(T? value, ConnectorFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public ConnectorFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Value is not null;

    public static ConnectorResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static ConnectorResult<T> Failed(ConnectorFailure failure) => new(null, failure ?? throw new ArgumentNullException(nameof(failure)));

    public override string ToString() => IsSuccess ? "success" : Failure.ToString();
}
