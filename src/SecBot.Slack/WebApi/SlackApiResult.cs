using System.Diagnostics.CodeAnalysis;

namespace SecBot.Slack.WebApi;

/// <summary>A Web API method's answer: the typed <c>ok:true</c> body, or why the call failed.</summary>
public sealed record SlackApiResult<T>
    where T : SlackApiResponse
{
    private SlackApiResult(T? value, SlackApiFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public SlackApiFailure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Value is not null;

    public static SlackApiResult<T> Success(T value) => new(value, null);

    public static SlackApiResult<T> Failed(SlackApiFailure failure) => new(null, failure);
}
